// Access tokens for ezeep.
//
// - `TokenProvider` is what the HTTP layer needs: a current token, and a way to drop one that ezeep
//   rejected. Any grant can implement it (client credentials here; an authorization-code provider
//   with refresh-token rotation and storage elsewhere can plug in through
//   `createCachingTokenProvider` + `requestToken`).
// - `createCachingTokenProvider` adds caching (until min(60 s, 10 % of ttl) before expiry) and
//   single-flight (N concurrent callers → one token request; a failure rejects all waiters and is
//   not cached) around any "issue a token" function.
// - `createClientCredentialsTokenProvider` is the partner/server-to-server grant (§1.2, §1.3).
//
// Secrets stay inside closures: nothing here exposes the client secret or a token in a property,
// a message or a log line.

import "server-only";

import { Buffer } from "node:buffer";

import { z } from "zod";

import { createHttpClient, type HttpSettings } from "./http";
import { tokenResponseSchema } from "./schemas";

export interface TokenProvider {
  /** A currently valid access token (may trigger a token request). */
  getAccessToken(): Promise<string>;
  /** ezeep rejected `token` (401): forget it, unless a newer token has already replaced it. */
  invalidate(token: string): void;
}

export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds from the moment it was issued. */
  expiresInSeconds: number;
  /** Present for authorization-code / refresh grants; rotate it (single use, §1.2). */
  refreshToken?: string | null;
  scope?: string | null;
}

export const TOKEN_PATH = "/oauth/access_token/";
export const MAX_REFRESH_MARGIN_MS = 60_000;
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** How long before expiry a cached token is considered stale: min(60 s, 10 % of its ttl). */
export function refreshMarginMs(ttlMs: number): number {
  return Math.max(0, Math.min(MAX_REFRESH_MARGIN_MS, ttlMs * 0.1));
}

export interface CachingTokenProvider extends TokenProvider {
  /** Drops the cached token unconditionally (e.g. after the credentials changed). */
  clear(): void;
  /** Epoch ms at which the cached token is no longer used, or null when nothing is cached. */
  cachedUntil(): number | null;
}

export function createCachingTokenProvider(
  issue: () => Promise<IssuedToken>,
  opts: { now?: () => number } = {},
): CachingTokenProvider {
  const now = opts.now ?? Date.now;
  let cached: { token: string; usableUntil: number } | null = null;
  let inflight: Promise<string> | null = null;

  function fresh(): string | null {
    if (cached && now() < cached.usableUntil) return cached.token;
    return null;
  }

  return {
    getAccessToken(): Promise<string> {
      const t = fresh();
      if (t !== null) return Promise.resolve(t);
      if (inflight) return inflight;
      const startedAt = now();
      const p = (async () => {
        try {
          const issued = await issue();
          const ttlMs = Math.max(0, issued.expiresInSeconds * 1000);
          cached = { token: issued.accessToken, usableUntil: startedAt + ttlMs - refreshMarginMs(ttlMs) };
          return issued.accessToken;
        } finally {
          inflight = null;
        }
      })();
      inflight = p;
      return p;
    },
    invalidate(token: string): void {
      if (cached && cached.token === token) cached = null;
    },
    clear(): void {
      cached = null;
    },
    cachedUntil(): number | null {
      return cached ? cached.usableUntil : null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Token endpoint

export interface TokenRequestOptions extends Pick<
  HttpSettings,
  | "timeoutMs"
  | "maxRetries"
  | "fetch"
  | "sleep"
  | "random"
  | "baseDelayMs"
  | "maxDelayMs"
  | "maxRetryAfterMs"
  | "lanes"
> {
  accountUrl: string;
  clientId: string;
  /** Empty or missing for public clients (Basic `base64("<id>:")`, §1.2). */
  clientSecret?: string;
  /** Form fields: grant_type, scope, code, redirect_uri, refresh_token, … */
  form: Record<string, string>;
  /**
   * Whether a failed attempt (5xx, network, timeout) may be repeated. Safe for client
   * credentials; NOT for refresh_token or authorization_code (single use). Default false.
   */
  retry?: boolean;
  now?: () => number;
}

export function basicAuthHeader(clientId: string, clientSecret = ""): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64")}`;
}

/** Claims of a JWT (no signature check: ezeep's tokens are opaque to us except `exp`/`org`). */
export function decodeJwtClaims(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const json = Buffer.from(parts[1], "base64url").toString("utf8");
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === "object" && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** POST <accountUrl>/oauth/access_token/ with HTTP Basic client auth and a form body. */
export async function requestToken(opts: TokenRequestOptions): Promise<IssuedToken> {
  const now = opts.now ?? Date.now;
  const http = createHttpClient({
    accountUrl: opts.accountUrl,
    apiUrl: opts.accountUrl,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.baseDelayMs !== undefined ? { baseDelayMs: opts.baseDelayMs } : {}),
    ...(opts.maxDelayMs !== undefined ? { maxDelayMs: opts.maxDelayMs } : {}),
    ...(opts.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: opts.maxRetryAfterMs } : {}),
    ...(opts.lanes ? { lanes: opts.lanes } : {}),
    now,
  });
  const body = await http.request({
    host: "account",
    method: "POST",
    path: TOKEN_PATH,
    form: opts.form,
    headers: { Authorization: basicAuthHeader(opts.clientId, opts.clientSecret ?? "") },
    auth: "none",
    retry: opts.retry ?? false,
    tokenEndpoint: true,
    schema: tokenResponseSchema,
  });
  let expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : undefined;
  if (expiresIn === undefined) {
    const exp = decodeJwtClaims(body.access_token)?.exp;
    if (typeof exp === "number") expiresIn = Math.max(0, Math.floor(exp - now() / 1000));
  }
  return {
    accessToken: body.access_token,
    expiresInSeconds: expiresIn ?? DEFAULT_TOKEN_TTL_SECONDS,
    refreshToken: body.refresh_token ?? null,
    scope: body.scope ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Client credentials

export interface ClientCredentialsOptions extends Omit<
  TokenRequestOptions,
  "form" | "retry" | "clientSecret"
> {
  clientSecret: string;
  /** Optional org selector for partner clients controlling several orgs (docs/ezeep.md#organizations). */
  organizationId?: string;
  /** Space-separated scopes; default "printing". */
  scope?: string;
}

export function createClientCredentialsTokenProvider(opts: ClientCredentialsOptions): CachingTokenProvider {
  const { clientSecret, organizationId, scope, ...rest } = opts;
  const form: Record<string, string> = { grant_type: "client_credentials", scope: scope ?? "printing" };
  if (organizationId) form.organization_id = organizationId;
  return createCachingTokenProvider(
    () => requestToken({ ...rest, clientSecret, form, retry: true }),
    opts.now ? { now: opts.now } : {},
  );
}

// ---------------------------------------------------------------------------------------------
// Revocation (§1.3: POST /oauth/revoke/, form `token`, Basic client auth; RFC 7009 answers 200)

export async function revokeToken(
  opts: Pick<TokenRequestOptions, "accountUrl" | "clientId" | "clientSecret" | "timeoutMs" | "fetch"> & {
    token: string;
  },
): Promise<void> {
  const http = createHttpClient({
    accountUrl: opts.accountUrl,
    apiUrl: opts.accountUrl,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  await http.request({
    host: "account",
    method: "POST",
    path: "/oauth/revoke/",
    form: { token: opts.token },
    headers: { Authorization: basicAuthHeader(opts.clientId, opts.clientSecret ?? "") },
    auth: "none",
    retry: false,
    tokenEndpoint: true,
    schema: z.unknown(),
  });
}
