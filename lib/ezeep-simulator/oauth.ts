// OAuth2 server on the account host (§1.2–§1.4): token endpoint, authorize page, revoke.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

import { formBody, HttpError, type Ctx, type Reply } from "./http";
import { signJwt } from "./jwt";
import { route, type Route, type Runtime } from "./runtime";
import type { UserRec } from "./state";
import type { SimulatorClient } from "./types";

export const TOKEN_PATH = "/oauth/access_token";

interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>) =>
  new HttpError(status, { error, error_description: description }, headers);

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** HTTP Basic (§1.2); RFC 6749 §2.3.1 also allows client_id/client_secret form fields. */
function authenticateClient(ctx: Ctx, rt: Runtime, form: Record<string, string>): SimulatorClient {
  const header = String(ctx.req.headers.authorization ?? "");
  let id: string | undefined;
  let secret: string | undefined;
  const viaHeader = /^basic\s+/i.test(header);
  if (viaHeader) {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ""), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i < 0)
      throw oauthError(401, "invalid_client", "Malformed Basic credentials.", {
        "www-authenticate": 'Basic realm="ezeep"',
      });
    id = decodeURIComponent(decoded.slice(0, i));
    secret = decodeURIComponent(decoded.slice(i + 1));
  } else if (form.client_id) {
    id = form.client_id;
    secret = form.client_secret ?? "";
  }
  const challenge = viaHeader ? { "www-authenticate": 'Basic realm="ezeep"' } : undefined;
  if (id === undefined)
    throw oauthError(401, "invalid_client", "Client authentication required.", {
      "www-authenticate": 'Basic realm="ezeep"',
    });
  const client = rt.state.clients.find((c) => c.clientId === id);
  if (!client || !safeEqual(client.clientSecret, secret ?? ""))
    throw oauthError(401, "invalid_client", "Invalid client credentials.", challenge);
  return client;
}

function issue(
  rt: Runtime,
  client: SimulatorClient,
  orgId: string,
  user: UserRec | null,
  scope: string,
): TokenResponse {
  const iat = Math.floor(rt.state.now() / 1000);
  const jti = randomUUID();
  const access_token = signJwt({
    iss: rt.accountUrl,
    exp: iat + rt.tokenTtlSeconds,
    iat,
    scopes: scope || "printing",
    sub: user ? user.id : client.clientId,
    org: orgId,
    pty: "sim",
    jti,
    client_id: client.clientId,
  });
  rt.state.activeJtis.add(jti);
  const out: TokenResponse = {
    access_token,
    token_type: "Bearer",
    expires_in: rt.tokenTtlSeconds,
    scope: "",
  };
  if (user) {
    const refresh = randomBytes(32).toString("base64url");
    rt.state.refreshTokens.set(refresh, {
      clientId: client.clientId,
      userId: user.id,
      orgId,
      scope: scope || "printing",
    });
    out.refresh_token = refresh;
    out.scope = scope || "printing";
  }
  return out;
}

type Form = Record<string, string>;
/** One grant type: checks the form, issues the token and counts it. */
type Grant = (
  rt: Runtime,
  client: SimulatorClient,
  form: Form,
  orgParam: string | undefined,
) => TokenResponse;

function clientCredentialsGrant(rt: Runtime, client: SimulatorClient, form: Form, orgParam?: string) {
  // See the README ("Choosing the organization"): optional organization_id selects the org; otherwise the client's first one.
  const orgId = orgParam ?? client.organizationIds.find((id) => rt.state.orgs.has(id));
  if (!orgId || !client.organizationIds.includes(orgId) || !rt.state.orgs.has(orgId)) {
    throw oauthError(
      400,
      "invalid_request",
      orgParam
        ? "organization_id is not controlled by this client."
        : "This client controls no organization.",
    );
  }
  const body = issue(rt, client, orgId, null, form.scope ?? "");
  body.scope = ""; // §1.2: the client-credentials example answers scope "" whatever was asked
  rt.stats.tokenRequests.client_credentials++;
  return body;
}

function authorizationCodeGrant(rt: Runtime, client: SimulatorClient, form: Form, orgParam?: string) {
  if (!form.code) throw oauthError(400, "invalid_request", "Missing code parameter.");
  const rec = rt.state.codes.get(form.code);
  if (!rec || rec.clientId !== client.clientId)
    throw oauthError(400, "invalid_grant", "Invalid or already used authorization code.");
  // RFC 6749 §4.1.3: required because authorize always carries one here.
  if (!form.redirect_uri) throw oauthError(400, "invalid_request", "Missing redirect_uri parameter.");
  if (form.redirect_uri !== rec.redirectUri) {
    throw oauthError(400, "invalid_grant", "Mismatching redirect_uri.");
  }
  if (rec.challenge !== null) {
    if (!form.code_verifier) throw oauthError(400, "invalid_grant", "Code verifier required.");
    const computed = createHash("sha256").update(form.code_verifier).digest("base64url");
    if (computed !== rec.challenge)
      throw oauthError(400, "invalid_grant", "Code verifier does not match the challenge.");
  }
  rt.state.codes.delete(form.code); // single use, even if what follows fails
  const user = rt.state.orgs.get(rec.orgId)?.users.get(rec.userId);
  if (!user) throw oauthError(400, "invalid_grant", "The user no longer exists.");
  if (orgParam && orgParam !== rec.orgId)
    throw oauthError(400, "invalid_request", "organization_id is not the user's organization.");
  const body = issue(rt, client, rec.orgId, user, form.scope || rec.scope);
  rt.stats.tokenRequests.authorization_code++;
  return body;
}

function refreshTokenGrant(rt: Runtime, client: SimulatorClient, form: Form, orgParam?: string) {
  if (!form.refresh_token) throw oauthError(400, "invalid_request", "Missing refresh_token parameter.");
  const rec = rt.state.refreshTokens.get(form.refresh_token);
  if (!rec || rec.clientId !== client.clientId)
    throw oauthError(400, "invalid_grant", "Invalid refresh token.");
  rt.state.refreshTokens.delete(form.refresh_token); // rotation: the old one dies now
  const user = rec.userId ? rt.state.orgs.get(rec.orgId)?.users.get(rec.userId) : undefined;
  if (!user) throw oauthError(400, "invalid_grant", "The user no longer exists.");
  if (orgParam && orgParam !== rec.orgId)
    throw oauthError(400, "invalid_request", "organization_id is not the user's organization.");
  const body = issue(rt, client, rec.orgId, user, rec.scope);
  rt.stats.tokenRequests.refresh_token++;
  return body;
}

const GRANTS = new Map<string, Grant>([
  ["client_credentials", clientCredentialsGrant],
  ["authorization_code", authorizationCodeGrant],
  ["refresh_token", refreshTokenGrant],
]);

function tokenEndpoint(ctx: Ctx, rt: Runtime): Reply {
  try {
    const form = formBody(ctx);
    const client = authenticateClient(ctx, rt, form);
    const grant = form.grant_type;
    if (!grant) throw oauthError(400, "invalid_request", "Missing grant_type parameter.");
    const handler = GRANTS.get(grant);
    if (!handler) throw oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grant}.`);
    const body = handler(rt, client, form, form.organization_id || undefined);
    return { status: 200, body, headers: { "cache-control": "no-store", pragma: "no-cache" } };
  } catch (e) {
    rt.stats.tokenRequests.failed++;
    throw e;
  }
}

// ---- authorize page ----

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlPage(status: number, title: string, inner: string): Reply {
  return {
    status,
    raw: `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:sans-serif;max-width:36rem;margin:3rem auto"><h1>${esc(title)}</h1>${inner}</body></html>`,
    contentType: "text/html; charset=utf-8",
  };
}

function redirectTo(target: string, params: Record<string, string | undefined>): Reply {
  const u = new URL(target);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") u.searchParams.set(k, v);
  return { status: 302, headers: { location: u.toString() } };
}

interface AuthorizeRequest {
  client: SimulatorClient;
  redirectUri: string;
  params: Record<string, string>;
}

/** Errors before the redirect URI is trusted render a page; later ones go back to the client. */
function validateAuthorize(rt: Runtime, params: Record<string, string>): AuthorizeRequest | Reply {
  const client = rt.state.clients.find((c) => c.clientId === params.client_id);
  if (!client) return htmlPage(400, "Invalid client", "<p>Unknown client_id.</p>");
  const redirectUri = params.redirect_uri ?? "";
  if (!(client.redirectUris ?? []).includes(redirectUri))
    return htmlPage(400, "Invalid redirect URI", "<p>redirect_uri does not match a registered URI.</p>");
  if (params.response_type !== "code") {
    return redirectTo(redirectUri, { error: "unsupported_response_type", state: params.state });
  }
  if (params.code_challenge && params.code_challenge_method !== "S256") {
    return redirectTo(redirectUri, {
      error: "invalid_request",
      error_description: "code_challenge_method must be S256",
      state: params.state,
    });
  }
  return { client, redirectUri, params };
}

function candidateUsers(rt: Runtime, client: SimulatorClient): UserRec[] {
  const out: UserRec[] = [];
  for (const orgId of client.organizationIds) {
    const org = rt.state.orgs.get(orgId);
    if (!org) continue;
    const verified = [...org.users.values()].filter((u) => u.is_verified);
    out.push(
      ...verified.filter((u) => u.roles.includes("admin")),
      ...verified.filter((u) => !u.roles.includes("admin")).slice(0, 50),
    );
  }
  return out;
}

/** Simulator-only `user` param: an email or id of any verified user; default = first admin. */
function resolveUser(rt: Runtime, client: SimulatorClient, hint: string | undefined): UserRec | undefined {
  if (hint) {
    for (const org of rt.state.orgs.values()) {
      for (const u of org.users.values())
        if (u.is_verified && (u.id === hint || u.email.toLowerCase() === hint.toLowerCase())) return u;
    }
    return undefined;
  }
  return candidateUsers(rt, client)[0];
}

function grantCode(rt: Runtime, a: AuthorizeRequest, user: UserRec): Reply {
  const code = randomBytes(24).toString("base64url");
  rt.state.codes.set(code, {
    clientId: a.client.clientId,
    redirectUri: a.redirectUri,
    userId: user.id,
    orgId: user.orgId,
    scope: a.params.scope ?? "printing",
    challenge: a.params.code_challenge || null,
  });
  return redirectTo(a.redirectUri, { code, state: a.params.state });
}

const AUTHORIZE_FIELDS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
];

function authorizeGet(ctx: Ctx, rt: Runtime): Reply {
  if (!ctx.path.endsWith("/")) {
    // §1.4: the documented no-slash URL answers 301 to the slash form.
    return { status: 301, headers: { location: `/oauth/authorize/${ctx.url.search}` } };
  }
  const params = Object.fromEntries(ctx.url.searchParams);
  const a = validateAuthorize(rt, params);
  if ("status" in a) return a;
  const user = resolveUser(rt, a.client, params.user);
  if (!user) return htmlPage(400, "Unknown user", "<p>No verified user matches.</p>");
  if (params.auto === "1" || params.auto === "true") return grantCode(rt, a, user);
  const hidden = AUTHORIZE_FIELDS.filter((k) => params[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(params[k])}">`)
    .join("");
  const options = candidateUsers(rt, a.client)
    .map(
      (u) =>
        `<option value="${esc(u.id)}"${u.id === user.id ? " selected" : ""}>${esc(`${u.first_name} ${u.last_name} <${u.email}>`)}${u.roles.includes("admin") ? " (admin)" : ""}</option>`,
    )
    .join("");
  return htmlPage(
    200,
    "Authorize application",
    `<p>The application <code>${esc(a.client.clientId)}</code> wants to access your ezeep account (scope: ${esc(params.scope ?? "printing")}).</p>
<form method="post" action="/oauth/authorize/">${hidden}
<label>Sign in as <select name="user">${options}</select></label>
<p><button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Deny</button></p></form>`,
  );
}

function authorizePost(ctx: Ctx, rt: Runtime): Reply {
  const params = formBody(ctx);
  const a = validateAuthorize(rt, params);
  if ("status" in a) return a;
  if (params.decision !== "allow")
    return redirectTo(a.redirectUri, { error: "access_denied", state: params.state });
  const user = resolveUser(rt, a.client, params.user);
  if (!user) return htmlPage(400, "Unknown user", "<p>No verified user matches.</p>");
  return grantCode(rt, a, user);
}

/** RFC 7009-style revoke (ezeep-js logout): refresh tokens, or access tokens by jti. */
function revoke(ctx: Ctx, rt: Runtime): Reply {
  const form = formBody(ctx);
  const client = authenticateClient(ctx, rt, form);
  if (!form.token) throw oauthError(400, "invalid_request", "Missing token parameter.");
  const rec = rt.state.refreshTokens.get(form.token);
  if (rec && rec.clientId === client.clientId) rt.state.refreshTokens.delete(form.token);
  const parts = form.token.split(".");
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as {
        jti?: unknown;
        client_id?: unknown;
      };
      if (typeof claims.jti === "string" && claims.client_id === client.clientId)
        rt.state.activeJtis.delete(claims.jti);
    } catch {
      // not a JWT: nothing to do (RFC 7009 answers 200 for unknown tokens)
    }
  }
  return { status: 200, raw: "", contentType: "text/plain" };
}

export function oauthRoutes(): Route[] {
  return [
    route("POST", TOKEN_PATH, "none", tokenEndpoint),
    route("GET", "/oauth/authorize", "none", authorizeGet),
    route("POST", "/oauth/authorize", "none", authorizePost),
    route("POST", "/oauth/revoke", "none", revoke),
  ];
}
