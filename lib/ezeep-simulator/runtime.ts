// The shared runtime both listeners dispatch into, and the route table type.
import { forbidden, HttpError, type Ctx, type Reply } from "./http";
import type { OrgRec, SimState } from "./state";
import type { FaultRule, SimulatorBehaviour, SimulatorStats } from "./types";

export interface ActiveFault {
  rule: FaultRule;
  /** Remaining hits; Infinity when `times` was not given. */
  remaining: number;
  /** Windowed rate limit: epoch ms at which the open window ends. */
  windowEnds?: number;
}

export interface Runtime {
  state: SimState;
  tokenTtlSeconds: number;
  latencyMs: number;
  faults: ActiveFault[];
  stats: SimulatorStats;
  inFlight: number;
  accountUrl: string;
  apiUrl: string;
  behaviour: SimulatorBehaviour;
}

export type AuthMode = "none" | "bearer" | "partner";

export interface Route {
  methods: string[];
  /** e.g. "/printing/v1/groups/:id"; both slash and no-slash forms match. */
  path: string;
  auth: AuthMode;
  handler: (ctx: Ctx, rt: Runtime) => Reply | Promise<Reply>;
}

export function route(
  methods: string | string[],
  path: string,
  auth: AuthMode,
  handler: Route["handler"],
): Route {
  return { methods: Array.isArray(methods) ? methods : [methods], path, auth, handler };
}

export function emptyStats(): SimulatorStats {
  return {
    tokenRequests: { client_credentials: 0, authorization_code: 0, refresh_token: 0, failed: 0 },
    requests: 0,
    byRoute: {},
    inFlightMax: 0,
    rateLimited: 0,
  };
}

/** The organization the bearer token acts on (API calls act on the token's org; see ./README.md). */
export function orgOf(ctx: Ctx): OrgRec {
  if (!ctx.auth) throw new HttpError(401, { detail: "Authentication credentials were not provided." });
  if (!ctx.auth.org) throw forbidden();
  return ctx.auth.org;
}

/** Ordinary users (authorization_code tokens without the admin role) may only read. */
export function isAdmin(ctx: Ctx): boolean {
  return !ctx.auth?.user || ctx.auth.user.roles.includes("admin");
}

export function requireAdmin(ctx: Ctx): void {
  if (!isAdmin(ctx)) throw forbidden();
}
