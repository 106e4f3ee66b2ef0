// Public entry of the ezeep client. Server-only code: it holds the client secret and tokens.
// Import from "@/lib/ezeep" only in server actions, route handlers and services; the portal makes
// its clients in one place, lib/organizations/connections.ts.

import "server-only";

import { rawEnv } from "@/lib/env";

import type { EzeepClientConfig } from "./client";
import { DEFAULT_TIMEOUT_MS } from "./http";

export * from "./client";
export * from "./errors";
export * from "./schemas";
export {
  type TokenProvider,
  type CachingTokenProvider,
  type IssuedToken,
  type TokenRequestOptions,
  type ClientCredentialsOptions,
  createCachingTokenProvider,
  createClientCredentialsTokenProvider,
  requestToken,
  revokeToken,
  refreshMarginMs,
  decodeJwtClaims,
  TOKEN_PATH,
} from "./token";
export {
  type Lane,
  type LaneStore,
  type LaneResolver,
  type LaneOptions,
  createLane,
  laneFor,
  laneKey,
  configureLanes,
  allLanes,
  resetLanes,
  DEFAULT_LANE_CONCURRENCY,
} from "./lanes";
export {
  type EzeepScope,
  withEzeepScope,
  withThrottleReport,
  currentEzeepScope,
  readsAreShared,
  setEzeepScopeFallback,
  createEzeepScope,
} from "./scope";
export {
  MAX_PAGE_SIZE,
  collectAll,
  iterateOffsetPages,
  iteratePagedPages,
  parseOffsetLink,
  parsePageLink,
  rewriteNextLink,
} from "./pagination";
export {
  parseRetryAfter,
  backoffDelay,
  isRetryableStatus,
  isIdempotent,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  type HttpMethod,
} from "./http";

export const DEFAULT_ACCOUNT_URL = "https://account.ezeep.com";
export const DEFAULT_API_URL = "https://api2.ezeep.com";

/**
 * Client configuration read from the environment. The object works both as a flat
 * `accountUrl, apiUrl, clientId, clientSecret` record and directly as an
 * `EzeepClientConfig` (`createEzeepClient(ezeepConfigFromEnv()!)`).
 */
export type EzeepEnvConfig = EzeepClientConfig & {
  accountUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  organizationId?: string;
  timeoutMs: number;
};

/** The environment (lib/env.ts) or any plain map of variables (tests). */
export type EnvLike = Readonly<Record<string, string | undefined>>;

function clean(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/**
 * Reads EZEEP_CLIENT_ID, EZEEP_CLIENT_SECRET, EZEEP_ACCOUNT_URL (default https://account.ezeep.com),
 * EZEEP_API_URL (default https://api2.ezeep.com), EZEEP_ORGANIZATION_ID (optional) and
 * EZEEP_TIMEOUT_MS. Returns null when the client id or secret is missing.
 */
export function ezeepConfigFromEnv(env: EnvLike = rawEnv()): EzeepEnvConfig | null {
  const clientId = clean(env.EZEEP_CLIENT_ID);
  const clientSecret = clean(env.EZEEP_CLIENT_SECRET);
  if (!clientId || !clientSecret) return null;
  const accountUrl = (clean(env.EZEEP_ACCOUNT_URL) ?? DEFAULT_ACCOUNT_URL).replace(/\/+$/, "");
  const apiUrl = (clean(env.EZEEP_API_URL) ?? DEFAULT_API_URL).replace(/\/+$/, "");
  const organizationId = clean(env.EZEEP_ORGANIZATION_ID);
  const t = Number(clean(env.EZEEP_TIMEOUT_MS));
  const timeoutMs = Number.isFinite(t) && t > 0 ? Math.floor(t) : DEFAULT_TIMEOUT_MS;
  const credentials = { clientId, clientSecret, ...(organizationId ? { organizationId } : {}) };
  return {
    accountUrl,
    apiUrl,
    clientId,
    clientSecret,
    ...(organizationId ? { organizationId } : {}),
    timeoutMs,
    credentials,
  };
}
