// Liveness and readiness for load balancers and orchestrators (app/api/health/*).
//  * live: the process answers (no dependency is touched, so a slow database never restarts it).
//  * ready: the database answers and every organization's ezeep connection works — a token can
//    be had and the printing host answers one small read. Results per organization are cached for
//    a few seconds so frequent probes do not become traffic toward ezeep.
import "server-only";

import { db } from "@/lib/db";
import { EzeepError } from "@/lib/ezeep";
import { moduleLogger } from "@/lib/observability/logger";
import { ezeepFor } from "@/lib/organizations/service";

export type EzeepState = "ok" | "unreachable" | "token_refused" | "error" | "not_configured";

export interface OrganizationHealth {
  id: string;
  name: string;
  connection: string;
  ezeep: EzeepState;
  /** Why it is not ok, in a few words (never ezeep's body or a token). */
  detail?: string;
}

export interface Readiness {
  status: "ready" | "not_ready";
  database: "ok" | "unreachable";
  /** "pending" while the portal has no admin (first-run setup at /setup). */
  setup: "done" | "pending" | "unknown";
  organizations: OrganizationHealth[];
}

const CHECK_TIMEOUT_MS = 5_000;
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; health: OrganizationHealth }>();

function stateOf(err: unknown): { ezeep: EzeepState; detail: string } {
  if (err instanceof EzeepError) {
    if (err.kind === "auth")
      return { ezeep: "token_refused", detail: `ezeep refused the token (${err.status ?? "no status"})` };
    if (err.kind === "timeout" || err.kind === "network")
      return { ezeep: "unreachable", detail: `ezeep ${err.kind}` };
    if (err.status && err.status >= 500)
      return { ezeep: "unreachable", detail: `ezeep answered ${err.status}` };
    return { ezeep: "error", detail: `ezeep answered ${err.status ?? err.kind}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/credentials|reconnect|refresh token/i.test(message))
    return { ezeep: "not_configured", detail: message.slice(0, 200) };
  return { ezeep: "error", detail: "unexpected error (see the server log)" };
}

/** The client retries and honours Retry-After; a probe must answer sooner than that. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new EzeepError({
            kind: "timeout",
            status: null,
            method: "GET",
            path: "/",
            message: "readiness check timed out",
          }),
        ),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function checkOrganization(
  org: { id: string; ezeepId: string; name: string; connection: string },
  now: number,
) {
  const hit = cache.get(org.id);
  if (hit && now - hit.at < CACHE_MS) return hit.health;
  const base = { id: org.id, name: org.name, connection: org.connection };
  let health: OrganizationHealth;
  try {
    const client = ezeepFor({
      ...org,
      connection: org.connection as "client_credentials" | "authorization_code",
    });
    await withDeadline(client.groups.list({ limit: 1 }), CHECK_TIMEOUT_MS);
    health = { ...base, ezeep: "ok" };
  } catch (err) {
    health = { ...base, ...stateOf(err) };
    if (health.ezeep === "error")
      moduleLogger("health").warn({ err, organization: org.id }, "readiness check failed");
  }
  cache.set(org.id, { at: now, health });
  return health;
}

export async function readiness(now = Date.now()): Promise<Readiness> {
  let organizations: { id: string; ezeepId: string; name: string; connection: string }[];
  let admins: number;
  try {
    [organizations, admins] = await Promise.all([
      db.organization.findMany({
        select: { id: true, ezeepId: true, name: true, connection: true },
        orderBy: { name: "asc" },
      }),
      db.admin.count(),
    ]);
  } catch (err) {
    moduleLogger("health").error({ err }, "database unreachable");
    return { status: "not_ready", database: "unreachable", setup: "unknown", organizations: [] };
  }
  const checked = await Promise.all(organizations.map((o) => checkOrganization(o, now)));
  const ready = checked.every((o) => o.ezeep === "ok");
  return {
    status: ready ? "ready" : "not_ready",
    database: "ok",
    setup: admins > 0 ? "done" : "pending",
    organizations: checked,
  };
}

/** Forgets cached organization results (tests; after reconnecting). */
export function resetReadinessCache(): void {
  cache.clear();
}
