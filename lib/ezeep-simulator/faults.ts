// Fault injection (FaultRule in ./types.ts). A matching fault short-circuits the request: the
// handler never runs, so no state changes (also for "timeout" and "reset") — unless the rule says
// `afterApply`: then the handler runs first (the write happens) and only its answer fails, the
// case of a write whose outcome the portal cannot know.
import type { ServerResponse } from "node:http";

import type { HostKind } from "./http";
import type { ActiveFault, Runtime } from "./runtime";
import type { FaultRule } from "./types";

export function validateRule(rule: unknown): FaultRule {
  if (typeof rule !== "object" || rule === null) throw new Error("rule must be an object");
  const r = rule as Partial<FaultRule>;
  const kinds = ["status", "rate_limit", "timeout", "malformed", "expire_token", "reset"];
  if (typeof r.path !== "string" || !r.path) throw new Error("rule.path is required");
  if (!r.kind || !kinds.includes(r.kind)) throw new Error(`rule.kind must be one of ${kinds.join(", ")}`);
  if (r.host !== undefined && r.host !== "account" && r.host !== "api")
    throw new Error('rule.host must be "account" or "api"');
  if (r.path.startsWith("re:")) new RegExp(r.path.slice(3)); // throws on a bad pattern
  if (r.afterApply && !["timeout", "reset", "status"].includes(r.kind))
    throw new Error('rule.afterApply needs kind "timeout", "reset" or "status"');
  return r as FaultRule;
}

export function addFault(rt: Runtime, rule: FaultRule): void {
  const checked = validateRule(rule);
  rt.faults.push({ rule: { ...checked }, remaining: checked.times ?? Infinity });
}

function matches(rule: FaultRule, host: HostKind, method: string, path: string): boolean {
  if (rule.host && rule.host !== host) return false;
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.path.startsWith("re:")) return new RegExp(rule.path.slice(3)).test(path);
  // Prefix match, tolerant of the slash/no-slash forms (§2.1).
  return path.startsWith(rule.path) || `${path}/`.startsWith(rule.path);
}

/** Finds the first matching rule and consumes one of its `times`. */
export function takeFault(rt: Runtime, host: HostKind, method: string, path: string): FaultRule | null {
  const now = Date.now();
  // A throttling window that has passed ends its rule.
  rt.faults = rt.faults.filter((f) => f.windowEnds === undefined || f.windowEnds > now);
  const i = rt.faults.findIndex((f: ActiveFault) => f.remaining > 0 && matches(f.rule, host, method, path));
  if (i < 0) return null;
  const f = rt.faults[i];
  if (f.rule.kind === "rate_limit" && f.rule.window) {
    f.windowEnds ??= now + (f.rule.retryAfter ?? 1) * 1000;
    return f.rule;
  }
  f.remaining--;
  if (f.remaining <= 0) rt.faults.splice(i, 1);
  return f.rule;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/** Applies a fault; resolves when the response is finished (or the socket destroyed). */
export function applyFault(
  rt: Runtime,
  rule: FaultRule,
  res: ServerResponse,
  timers: Set<NodeJS.Timeout>,
): Promise<void> {
  switch (rule.kind) {
    case "status":
      send(res, rule.status ?? 503, JSON.stringify({ detail: "Service unavailable" }));
      return Promise.resolve();
    case "rate_limit": {
      const secs = rule.retryAfter ?? 1;
      rt.stats.rateLimited++;
      send(
        res,
        429,
        JSON.stringify({ detail: `Request was throttled. Expected available in ${secs} seconds.` }),
        { "retry-after": String(secs) },
      );
      return Promise.resolve();
    }
    case "malformed": {
      const body = '{"count": 3, "next": null, "previous": null, "results": [{"id": "';
      send(res, 200, body);
      return Promise.resolve();
    }
    case "expire_token":
      send(
        res,
        401,
        JSON.stringify({ detail: "Given token not valid for any token type", code: "token_not_valid" }),
        {
          "www-authenticate": 'Bearer realm="api"',
        },
      );
      return Promise.resolve();
    case "reset":
      res.socket?.destroy();
      return Promise.resolve();
    case "timeout":
      return new Promise((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          res.socket?.destroy();
          resolve();
        }, rule.delayMs ?? 30_000);
        timers.add(t);
        // A client that gives up first closes the socket; stop waiting then.
        res.on("close", () => {
          clearTimeout(t);
          timers.delete(t);
          resolve();
        });
      });
  }
}
