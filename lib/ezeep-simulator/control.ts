// `/__sim/*` control routes (listed in ./README.md), served on both listeners, never faulted or counted.
import { HttpError, jsonBody, type Ctx, type Reply } from "./http";
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

export function controlHandler(sim: Simulator): (ctx: Ctx) => Reply {
  return (ctx) => {
    const p = ctx.path.replace(/\/+$/, "");
    const m = ctx.method;
    const body = () => jsonBody(ctx);

    if (m === "POST" && p === "/__sim/reset") {
      sim.reset(parseSeed(body().seed));
      return ok({ ok: true, organizationId: sim.organizationId, clients: sim.clients });
    }
    if (m === "POST" && p === "/__sim/faults") {
      const b = body();
      const rule = (b.rule ?? b) as FaultRule;
      try {
        sim.faults.add(rule);
      } catch (e) {
        throw new HttpError(400, { detail: (e as Error).message });
      }
      return ok();
    }
    if (m === "DELETE" && p === "/__sim/faults") {
      sim.faults.clear();
      return ok();
    }
    if (m === "POST" && p === "/__sim/latency") {
      const ms = Number(body().ms);
      if (!Number.isFinite(ms) || ms < 0)
        throw new HttpError(400, { detail: "ms must be a non-negative number" });
      sim.setLatency(ms);
      return ok();
    }
    if (m === "GET" && p === "/__sim/behaviour") return ok(sim.behaviour());
    if (m === "POST" && p === "/__sim/behaviour") {
      try {
        return ok(sim.setBehaviour(body()));
      } catch (e) {
        throw new HttpError(400, { detail: (e as Error).message });
      }
    }
    if (m === "GET" && p === "/__sim/stats") return ok(sim.stats());
    if (m === "POST" && p === "/__sim/stats/reset") {
      sim.resetStats();
      return ok();
    }
    if (m === "POST" && p === "/__sim/azure-groups") {
      const b = body();
      const orgId = typeof b.organizationId === "string" ? b.organizationId : sim.organizationId;
      if (!Array.isArray(b.groups)) throw new HttpError(400, { detail: "groups must be an array" });
      const groups = b.groups as { name: string; foreignId?: string; description?: string }[];
      return { status: 201, body: sim.addAzureGroups(orgId, groups) };
    }
    const accept = /^\/__sim\/invitations\/([^/]+)\/accept$/.exec(p);
    if (m === "POST" && accept) {
      const b = body();
      const profile = {
        firstName: typeof b.firstName === "string" ? b.firstName : undefined,
        lastName: typeof b.lastName === "string" ? b.lastName : undefined,
      };
      return ok(sim.acceptInvitation(decodeURIComponent(accept[1]), profile));
    }
    if (m === "POST" && p === "/__sim/tokens/expire") {
      sim.expireAllTokens();
      return ok();
    }
    if (m === "GET" && p === "/__sim/clients") return ok(sim.clients);
    return { status: 404, body: { detail: "Unknown simulator control route." } };
  };
}
