// Settings of sessions, sign-in throttling and trusted proxies, read and validated in one place
// (to be folded into the portal-wide lib/env.ts). Defaults are the secure choice. No "server-only"
// here or in lib/auth/sessions.ts: the CLI scripts (tsx) and the e2e setup reach them via lib/admins.
import { isIP } from "node:net";

import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  /** Minutes without a request after which a session ends. */
  SESSION_IDLE_MINUTES: positiveInt(30),
  /** Hours after sign-in after which a session ends however active it is. */
  SESSION_MAX_HOURS: positiveInt(12),
  /** Comma-separated addresses of reverse proxies whose X-Forwarded-For / X-Request-Id count. */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((ip) => isIP(ip) !== 0), "TRUSTED_PROXIES must list IP addresses"),
});

export type AuthConfig = z.output<typeof schema>;

/** Read on every call (cheap) so tests and a restarted process see the current environment. */
export function authConfig(): AuthConfig {
  const parsed = schema.safeParse({
    SESSION_IDLE_MINUTES: process.env.SESSION_IDLE_MINUTES || undefined,
    SESSION_MAX_HOURS: process.env.SESSION_MAX_HOURS || undefined,
    TRUSTED_PROXIES: process.env.TRUSTED_PROXIES || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid auth settings: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  return parsed.data;
}
