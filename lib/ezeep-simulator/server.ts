// Request dispatch for both listeners: /__sim control, stats, latency, faults, routing, bearer auth.
import type { IncomingMessage, ServerResponse } from "node:http";

import { applyFault, takeFault } from "./faults";
import {
  forbidden,
  HttpError,
  readBody,
  sendReply,
  type Auth,
  type Ctx,
  type HostKind,
  type Reply,
} from "./http";
import { verifyJwt } from "./jwt";
import type { Route, Runtime } from "./runtime";

export interface CompiledRoute extends Route {
  re: RegExp;
  keys: string[];
}

export function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((r) => {
    const keys: string[] = [];
    const body = r.path
      .replace(/\/$/, "")
      .split("/")
      .map((seg) => {
        if (!seg.startsWith(":")) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        keys.push(seg.slice(1));
        return "([^/]+)";
      })
      .join("/");
    return { ...r, keys, re: new RegExp(`^${body}/?$`) };
  });
}

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** "GET /printing/v1/groups/:id/" — ids replaced, trailing slash normalised. */
export function routeKey(method: string, path: string): string {
  const norm = path
    .split("/")
    .map((s) => (ID_SEGMENT.test(s) ? ":id" : s))
    .join("/");
  return `${method} ${norm.endsWith("/") ? norm : `${norm}/`}`;
}

const TOKEN_NOT_VALID = { detail: "Given token not valid for any token type", code: "token_not_valid" };
const BEARER_CHALLENGE = { "www-authenticate": 'Bearer realm="api"' };

function authenticate(rt: Runtime, req: IncomingMessage, route: Route): Auth {
  const header = String(req.headers.authorization ?? "");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m)
    throw new HttpError(401, { detail: "Authentication credentials were not provided." }, BEARER_CHALLENGE);
  const v = verifyJwt(m[1], rt.state.now());
  if (!v.ok || !rt.state.activeJtis.has(v.claims.jti))
    throw new HttpError(401, TOKEN_NOT_VALID, BEARER_CHALLENGE);
  const claims = v.claims;
  const org = rt.state.orgs.get(claims.org) ?? null;
  const isClientToken = claims.sub === claims.client_id;
  const user = !isClientToken ? (org?.users.get(claims.sub) ?? null) : null;
  if (!isClientToken && !user)
    throw new HttpError(401, { detail: "User not found", code: "user_not_found" }, BEARER_CHALLENGE);
  if (route.auth === "partner") {
    // §1.8: the partner API accepts only client-credentials tokens of partner clients.
    const client = rt.state.clients.find((c) => c.clientId === claims.client_id);
    if (!isClientToken || !client?.partner) throw forbidden();
  } else {
    if (!org) throw forbidden();
    // Ordinary (non-admin) users may read but not change anything.
    if (user && !user.roles.includes("admin") && req.method !== "GET") throw forbidden();
  }
  return { claims, org, user };
}

export interface DispatchDeps {
  rt: Runtime;
  host: HostKind;
  routes: CompiledRoute[];
  control: (ctx: Ctx) => Reply | Promise<Reply>;
  timers: Set<NodeJS.Timeout>;
}

function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
}

function route404(): Reply {
  return { status: 404, body: { detail: "Not found." } };
}

export function createDispatcher(deps: DispatchDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res).catch((e: unknown) => {
      console.error("[ezeep-simulator] internal error:", e);
      if (!res.headersSent) sendReply(res, { status: 500, body: { detail: "A server error occurred." } });
      else res.destroy();
    });
  };
}

async function handle(deps: DispatchDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { rt, host, timers } = deps;
  const ctx = requestContext(deps, req, res);
  const { method, path } = ctx;
  if (path === "/__sim" || path.startsWith("/__sim/")) return serveControl(ctx, deps.control);

  // Captured once: this request counts in the stats current when it arrived, even across a reset.
  const stats = countRequest(rt, res, method, path);
  try {
    ctx.rawBody = await readBody(req);
  } catch (e) {
    sendReply(
      res,
      e instanceof HttpError
        ? { status: e.status, body: e.body }
        : { status: 400, body: { detail: "Bad request." } },
    );
    return;
  }
  if (rt.latencyMs > 0) await sleep(rt.latencyMs, timers);

  const isTokenPath = host === "account" && /^\/oauth\/access_token\/?$/.test(path);
  const fault = takeFault(rt, host, method, path);
  if (fault && !fault.afterApply) {
    if (isTokenPath) stats.tokenRequests.failed++;
    await applyFault(rt, fault, res, timers);
    return;
  }

  let reply: Reply;
  try {
    reply = await dispatch(rt, deps.routes, ctx);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    reply = { status: e.status, body: e.body, headers: e.headers };
  }
  if (fault) {
    // "afterApply": the handler has changed the state; the answer is lost or replaced.
    await applyFault(rt, fault, res, timers);
    return;
  }
  if (reply.status === 429) stats.rateLimited++;
  sendReply(res, reply);
}

function requestContext(deps: DispatchDeps, req: IncomingMessage, res: ServerResponse): Ctx {
  const { rt, host } = deps;
  const method = (req.method ?? "GET").toUpperCase();
  const hostHeader = req.headers.host ?? new URL(host === "account" ? rt.accountUrl : rt.apiUrl).host;
  const origin = `http://${hostHeader}`;
  const url = new URL(req.url ?? "/", origin);
  const path = url.pathname;
  return { req, res, host, method, url, path, params: {}, origin, rawBody: "", auth: null };
}

/** /__sim/* control routes: never counted, delayed or faulted; any error answers 400. */
async function serveControl(ctx: Ctx, control: DispatchDeps["control"]): Promise<void> {
  ctx.rawBody = await readBody(ctx.req);
  let reply: Reply;
  try {
    reply = await control(ctx);
  } catch (e) {
    reply =
      e instanceof HttpError
        ? { status: e.status, body: e.body }
        : { status: 400, body: { detail: (e as Error).message } };
  }
  sendReply(ctx.res, reply);
}

/** Counts the request (total, per route, in flight until the response closes); returns the stats it counted in. */
function countRequest(rt: Runtime, res: ServerResponse, method: string, path: string): Runtime["stats"] {
  const stats = rt.stats;
  stats.requests++;
  const key = routeKey(method, path);
  stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
  rt.inFlight++;
  stats.inFlightMax = Math.max(stats.inFlightMax, rt.inFlight);
  let done = false;
  res.on("close", () => {
    if (!done) {
      done = true;
      rt.inFlight--;
    }
  });
  return stats;
}

async function dispatch(rt: Runtime, routes: CompiledRoute[], ctx: Ctx): Promise<Reply> {
  const allowed = new Set<string>();
  for (const r of routes) {
    const m = r.re.exec(ctx.path);
    if (!m) continue;
    if (!r.methods.includes(ctx.method)) {
      r.methods.forEach((x) => allowed.add(x));
      continue;
    }
    r.keys.forEach((k, i) => (ctx.params[k] = decodeURIComponent(m[i + 1])));
    if (r.auth !== "none") ctx.auth = authenticate(rt, ctx.req, r);
    return r.handler(ctx, rt);
  }
  if (allowed.size) {
    return {
      status: 405,
      body: { detail: `Method "${ctx.method}" not allowed.` },
      headers: { allow: [...allowed].join(", ") },
    };
  }
  return route404();
}
