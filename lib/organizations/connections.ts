// The one home for ezeep connections: every ezeep client the portal uses is made here, kept in
// ONE cache, and refused with ONE "not configured" error.
//
// - `ezeepFor(org)`: the client acting for one organization. Client credentials name the
//   organization in the token request (`organization_id`, our assumption for partner clients:
//   docs/ezeep.md); organizations connected by sign-in use their stored, rotating refresh token
//   (token-store.ts).
// - `partnerClient()`: the portal's own client-credentials token without an organization selector
//   (Partner API: list, create, delete organizations; an organization's name).
// - `clientCredentialsTokens(organizationId)`: the token cache behind both, for code that needs a
//   bare token (start-up scripts).
//
// Token economy: a client, with its token cache and single-flight, exists once per (API client,
// organization) in the process, so there is at most one client-credentials token request per
// (client, organization) token lifetime — partner view, every organization's pages, jobs and
// scripts share it. Requests of every client of one API client share one lane per ezeep host
// (lib/ezeep/lanes.ts: the concurrency budget and the Retry-After gate), and budget-sharing.ts
// splits that budget between the portal instances that share the database.
import "server-only";

import { createHash } from "node:crypto";

import { cache as perRequest } from "react";

import type { OrganizationRef } from "@/lib/auth/context";
import { rawEnv } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import {
  createClientCredentialsTokenProvider,
  createEzeepClient,
  createEzeepScope,
  ezeepConfigFromEnv,
  laneFor,
  setEzeepScopeFallback,
  type CachingTokenProvider,
  type EzeepClient,
  type EzeepEnvConfig,
} from "@/lib/ezeep";
import { startBudgetSharing } from "@/lib/organizations/budget-sharing";
import { createAuthorizationCodeTokenProvider } from "@/lib/organizations/token-store";

// One request scope per rendered request (React's `cache`): the page and its server components
// share their ezeep reads (lib/ezeep/scope.ts). Outside a render (actions, jobs, scripts) React
// makes a new scope per call, so nothing is remembered there.
setEzeepScopeFallback(perRequest(createEzeepScope));

/** The portal has no ezeep client credentials: the one error every ezeep entry point raises. */
export class EzeepNotConfiguredError extends UserFacingError {
  constructor() {
    super(
      "The portal has no ezeep credentials. Set EZEEP_CLIENT_ID and EZEEP_CLIENT_SECRET on the server (see README).",
    );
    this.name = "EzeepNotConfiguredError";
  }
}

/** The ezeep settings from the environment, or EzeepNotConfiguredError. */
export function ezeepSettings(): EzeepEnvConfig {
  const config = ezeepConfigFromEnv();
  if (!config) throw new EzeepNotConfiguredError();
  return config;
}

/** How many requests the portal may have in flight toward one ezeep host, over all instances. */
export function ezeepMaxConcurrency(env: NodeJS.ProcessEnv = rawEnv()): number {
  const n = Number(env.EZEEP_MAX_CONCURRENCY);
  return Number.isFinite(n) && n >= 1 ? Math.min(64, Math.floor(n)) : 8;
}

interface Cache {
  /** Digest of the settings the entries were made with; a change empties the cache. */
  settings: string;
  clients: Map<string, EzeepClient>;
  tokens: Map<string, CachingTokenProvider>;
}

const g = globalThis as unknown as { __ezeepConnections?: Cache };
const cache: Cache = (g.__ezeepConnections ??= { settings: "", clients: new Map(), tokens: new Map() });

/** The settings, with the cache emptied when they changed (another simulator in tests). */
function currentSettings(): EzeepEnvConfig {
  const config = ezeepSettings();
  // A digest, so the secret is not kept in a second place in memory.
  const digest = createHash("sha256")
    .update(
      JSON.stringify([
        config.accountUrl,
        config.apiUrl,
        config.clientId,
        config.clientSecret,
        config.timeoutMs,
      ]),
    )
    .digest("hex");
  if (cache.settings !== digest) {
    cache.settings = digest;
    cache.clients.clear();
    cache.tokens.clear();
  }
  startBudgetSharing(ezeepMaxConcurrency());
  return config;
}

/** The lanes of the portal's API client (one per host). */
function lanesOf(config: EzeepEnvConfig) {
  return (host: "account" | "api") =>
    laneFor(host === "account" ? config.accountUrl : config.apiUrl, config.clientId);
}

/**
 * The client-credentials token cache of (portal client, organization): `null` is the partner's
 * own token. One per process; every client and script asking for that pair shares it.
 */
export function clientCredentialsTokens(organizationId: string | null): CachingTokenProvider {
  const config = currentSettings();
  const key = organizationId ?? "(partner)";
  let tokens = cache.tokens.get(key);
  if (!tokens) {
    tokens = createClientCredentialsTokenProvider({
      accountUrl: config.accountUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      timeoutMs: config.timeoutMs,
      lanes: lanesOf(config),
      ...(organizationId ? { organizationId } : {}),
    });
    cache.tokens.set(key, tokens);
  }
  return tokens;
}

function buildClient(config: EzeepEnvConfig, tokenProvider: CachingTokenProvider): EzeepClient {
  return createEzeepClient({
    accountUrl: config.accountUrl,
    apiUrl: config.apiUrl,
    credentials: { tokenProvider },
    timeoutMs: config.timeoutMs,
    laneClientId: config.clientId,
  });
}

/**
 * Asking for a client announces ezeep traffic: start reading the lanes' shared Retry-After gates
 * now, ahead of the caller's own database queries. Issued after a large read, the gate read waited
 * for that read's rows to be turned into objects, and every ezeep request waited for the gate.
 */
function prefetchGates(config: EzeepEnvConfig): void {
  for (const host of ["account", "api"] as const) lanesOf(config)(host).prefetch();
}

/** The client acting for one organization (see the header comment). */
export function ezeepFor(org: OrganizationRef): EzeepClient {
  const config = currentSettings();
  prefetchGates(config);
  const key = `org:${org.id}:${org.connection}`;
  const cached = cache.clients.get(key);
  if (cached) return cached;
  const tokens =
    org.connection === "authorization_code"
      ? createAuthorizationCodeTokenProvider(org, {
          accountUrl: config.accountUrl,
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          timeoutMs: config.timeoutMs,
          lanes: lanesOf(config),
        })
      : clientCredentialsTokens(org.ezeepId);
  const client = buildClient(config, tokens);
  cache.clients.set(key, client);
  return client;
}

/** The client with the portal's own (partner) token, for the Partner API. */
export function partnerClient(): EzeepClient {
  const config = currentSettings();
  prefetchGates(config);
  const cached = cache.clients.get("partner");
  if (cached) return cached;
  const client = buildClient(config, clientCredentialsTokens(null));
  cache.clients.set("partner", client);
  return client;
}

/** Drops the cached client of an organization (after connecting, disconnecting or deleting it). */
export function forgetEzeepClient(organizationId: string): void {
  for (const key of [...cache.clients.keys()])
    if (key.startsWith(`org:${organizationId}:`)) cache.clients.delete(key);
}
