// `/__sim/*` control routes (listed in ./README.md), served on both listeners, never faulted or counted.
import { HttpError, jsonBody, type Ctx, type JsonObject, type Reply } from "./http";
import type { FaultRule, SeedSpec, Simulator } from "./types";

export function parseSeed(v: unknown): SeedSpec | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === "demo" || v === "empty") return v;
  if (v === "large") return { users: 10_000 };
  if (typeof v === "object" && typeof (v as { users?: unknown }).users === "number") {
    const o = v as { users: number; groups?: unknown; printers?: unknown };
    return {
      users: o.users,
      groups: typeof o.groups === "number" ? o.groups : undefined,
      printers: typeof o.printers === "number" ? o.printers : undefined,
    };
  }
  throw new HttpError(400, {
    detail: 'seed must be "demo", "empty", "large" or {users, groups?, printers?}',
  });
}

const ok = (body: unknown = { ok: true }): Reply => ({ status: 200, body });

type Body = () => JsonObject;
type ControlRoute = (sim: Simulator, body: Body) => Reply;

/** A thrown validation error of the simulator becomes a 400 with its message. */
function asBadRequest<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new HttpError(400, { detail: (e as Error).message });
  }
}

/** The fixed control routes, by "METHOD path" (path without trailing slashes). */
const ROUTES = new Map<string, ControlRoute>([
  [
    "POST /__sim/reset",
    (sim, body) => {
      sim.reset(parseSeed(body().seed));
      return ok({ ok: true, organizationId: sim.organizationId, clients: sim.clients });
    },
  ],
  [
    "POST /__sim/faults",
    (sim, body) => {
      const b = body();
      const rule = (b.rule ?? b) as FaultRule;
      asBadRequest(() => sim.faults.add(rule));
      return ok();
    },
  ],
  [
    "DELETE /__sim/faults",
    (sim) => {
      sim.faults.clear();
      return ok();
    },
  ],
  [
    "POST /__sim/latency",
    (sim, body) => {
      const ms = Number(body().ms);
      if (!Number.isFinite(ms) || ms < 0)
        throw new HttpError(400, { detail: "ms must be a non-negative number" });
      sim.setLatency(ms);
      return ok();
    },
  ],
  ["GET /__sim/behaviour", (sim) => ok(sim.behaviour())],
  ["POST /__sim/behaviour", (sim, body) => ok(asBadRequest(() => sim.setBehaviour(body())))],
  ["GET /__sim/stats", (sim) => ok(sim.stats())],
  [
    "POST /__sim/stats/reset",
    (sim) => {
      sim.resetStats();
      return ok();
    },
  ],
  [
    "POST /__sim/azure-groups",
    (sim, body) => {
      const b = body();
      const orgId = typeof b.organizationId === "string" ? b.organizationId : sim.organizationId;
      if (!Array.isArray(b.groups)) throw new HttpError(400, { detail: "groups must be an array" });
      const groups = b.groups as { name: string; foreignId?: string; description?: string }[];
      return { status: 201, body: sim.addAzureGroups(orgId, groups) };
    },
  ],
  [
    "POST /__sim/tokens/expire",
    (sim) => {
      sim.expireAllTokens();
      return ok();
    },
  ],
  ["GET /__sim/clients", (sim) => ok(sim.clients)],
]);

/** POST /__sim/invitations/<id>/accept: the invitee accepts, with an optional profile. */
function acceptInvitation(sim: Simulator, id: string, body: Body): Reply {
  const b = body();
  const profile = {
    firstName: typeof b.firstName === "string" ? b.firstName : undefined,
    lastName: typeof b.lastName === "string" ? b.lastName : undefined,
  };
  return ok(sim.acceptInvitation(decodeURIComponent(id), profile));
}

export function controlHandler(sim: Simulator): (ctx: Ctx) => Reply {
  return (ctx) => {
    const p = ctx.path.replace(/\/+$/, "");
    const body = () => jsonBody(ctx);
    const route = ROUTES.get(`${ctx.method} ${p}`);
    if (route) return route(sim, body);
    const accept = /^\/__sim\/invitations\/([^/]+)\/accept$/.exec(p);
    if (ctx.method === "POST" && accept) return acceptInvitation(sim, accept[1]!, body);
    return { status: 404, body: { detail: "Unknown simulator control route." } };
  };
}
