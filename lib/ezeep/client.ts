// The typed ezeep client: one object with a resource group per ezeep resource (docs/ezeep.md).
// Hosts: identity (users, invitations, partner organizations) on the account host; everything
// printing-related on the printing host (api2).

import "server-only";

import type { z } from "zod";

import {
  assignmentsResource,
  connectorsResource,
  driversResource,
  groupsResource,
  invitationsResource,
  organizationsResource,
  printersResource,
  printingUsersResource,
  usersResource,
  type RequestExtra,
  type Requests,
} from "./client-resources";
import type { EzeepClient, EzeepClientConfig } from "./client-types";
import { createHttpClient, type HttpClient, type HttpMethod, type HttpSettings } from "./http";
import { laneFor, type LaneResolver } from "./lanes";
import { createClientCredentialsTokenProvider, decodeJwtClaims, type TokenProvider } from "./token";

export { formatEzeepDate } from "./client-resources";
export type * from "./client-types";

export function createEzeepClient(config: EzeepClientConfig): EzeepClient {
  const { http, tokenProvider, configuredOrg } = createTransport(config);
  const request =
    (host: "api" | "account") =>
    <S extends z.ZodType>(method: HttpMethod, path: string, schema: S, extra: RequestExtra = {}) =>
      http.request({ host, method, path, schema, ...extra });
  async function organizationId(): Promise<string | null> {
    const token = await tokenProvider.getAccessToken();
    const org = decodeJwtClaims(token)?.org;
    if (typeof org === "string" && org) return org;
    return configuredOrg ?? null;
  }
  const r: Requests = { http, api: request("api"), account: request("account"), organizationId };
  return {
    groups: groupsResource(r),
    printingUsers: printingUsersResource(r),
    users: usersResource(r),
    invitations: invitationsResource(r),
    assignments: assignmentsResource(r),
    printers: printersResource(r),
    connectors: connectorsResource(r),
    drivers: driversResource(r),
    organizations: organizationsResource(r),
    organizationId,
  };
}

/** The HTTP client and its token provider: shared settings, the lanes of the API client. */
function createTransport(config: EzeepClientConfig): {
  http: HttpClient;
  tokenProvider: TokenProvider;
  configuredOrg: string | undefined;
} {
  const creds = config.credentials;
  const common = {
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.maxRetries !== undefined ? { maxRetries: config.maxRetries } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.sleep ? { sleep: config.sleep } : {}),
    ...(config.random ? { random: config.random } : {}),
    ...(config.now ? { now: config.now } : {}),
    ...(config.baseDelayMs !== undefined ? { baseDelayMs: config.baseDelayMs } : {}),
    ...(config.maxDelayMs !== undefined ? { maxDelayMs: config.maxDelayMs } : {}),
    ...(config.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: config.maxRetryAfterMs } : {}),
  } satisfies Partial<HttpSettings>;

  const laneClient = config.laneClientId ?? ("clientId" in creds ? creds.clientId : undefined);
  const processLanes: LaneResolver | undefined = laneClient
    ? (host) => laneFor(host === "account" ? config.accountUrl : config.apiUrl, laneClient)
    : undefined;
  const lanes = config.lanes ?? processLanes;
  const tokenProvider: TokenProvider =
    "tokenProvider" in creds
      ? creds.tokenProvider
      : createClientCredentialsTokenProvider({
          accountUrl: config.accountUrl,
          clientId: creds.clientId,
          clientSecret: creds.clientSecret,
          ...(creds.organizationId ? { organizationId: creds.organizationId } : {}),
          ...(creds.scope ? { scope: creds.scope } : {}),
          ...common,
          ...(lanes ? { lanes } : {}),
        });
  const configuredOrg = "tokenProvider" in creds ? undefined : creds.organizationId;

  const http = createHttpClient({
    accountUrl: config.accountUrl,
    apiUrl: config.apiUrl,
    tokenProvider,
    ...common,
    ...(config.userAgent ? { userAgent: config.userAgent } : {}),
    ...(lanes ? { lanes } : {}),
  });
  return { http, tokenProvider, configuredOrg };
}
