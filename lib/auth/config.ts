// Settings of sessions and trusted proxies: declared and validated in lib/env.ts (the one place the
// portal reads its environment); this is the auth modules' view of them. Defaults are the secure
// choice. No "server-only" here or in lib/auth/sessions.ts: the CLI scripts (tsx) and the e2e setup
// reach them via lib/admins.
import { env } from "@/lib/env";

export interface AuthConfig {
  /** Minutes without a request after which a session ends. */
  SESSION_IDLE_MINUTES: number;
  /** Hours after sign-in after which a session ends however active it is. */
  SESSION_MAX_HOURS: number;
  /** Reverse proxies whose X-Forwarded-For / X-Request-Id count. */
  TRUSTED_PROXIES: string[];
}

/** Read on every call (cheap: env() re-parses only when the environment changed). */
export function authConfig(): AuthConfig {
  const { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, TRUSTED_PROXIES } = env();
  return { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, TRUSTED_PROXIES };
}
