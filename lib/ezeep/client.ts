// The typed ezeep client: one object with a resource group per ezeep resource (docs/ezeep.md).
// Hosts: identity (users, invitations, partner organizations) on the account host; everything
// printing-related on the printing host (api2).

import "server-only";

import type { z } from "zod";

import type {
  AllOptions,
  EzeepClient,
  EzeepClientConfig,
  IterateOffsetOptions,
  IteratePageOptions,
  OffsetListResource,
  OffsetParams,
  PageListResource,
  PageParams,
} from "./client-types";
import { createHttpClient, type HttpMethod, type HttpSettings, type Query } from "./http";
import { laneFor, type LaneResolver } from "./lanes";
import { collectAll, iterateOffsetPages, iteratePagedPages } from "./pagination";
import {
  accountUserPageSchema,
  accountUserSchema,
  connectorPageSchema,
  driverPageSchema,
  emptySchema,
  filterValuesSchema,
  groupPageSchema,
  groupSchema,
  invitationPageSchema,
  invitationResendSchema,
  invitationSchema,
  organizationPageSchema,
  organizationSchema,
  printerAssignmentsPageSchema,
  printerAssignmentsSchema,
  printerPageSchema,
  printerSchema,
  printingUserPageSchema,
  printingUserSchema,
  vendorsSchema,
  type AccountUser,
  type Connector,
  type Driver,
  type Group,
  type Invitation,
  type Organization,
  type Page,
  type Printer,
  type PrinterAssignments,
  type PrintingUser,
} from "./schemas";
import { createClientCredentialsTokenProvider, decodeJwtClaims, type TokenProvider } from "./token";

export type * from "./client-types";

// ---------------------------------------------------------------------------------------------
// Helpers

function seg(id: string): string {
  if (typeof id !== "string" || id.length === 0) throw new TypeError("ezeep client: an id is required");
  return encodeURIComponent(id);
}

/** ezeep accepts `YYYY-MM-DDTHH:MM:SS` (§2.7); Dates are sent in UTC without milliseconds. */
export function formatEzeepDate(d: Date | string): string {
  if (typeof d === "string") return d;
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "")
    .replace(/Z$/, "");
}

function uniqueGroups(groupIds: readonly string[]): { group_id: string }[] {
  return [...new Set(groupIds)].map((group_id) => ({ group_id }));
}

function splitIterate<P extends object>(params: P | undefined, key: "pageSize" | "perPage") {
  const { [key]: size, max: _max, ...filters } = (params ?? {}) as Record<string, unknown>;
  return { size: size as number | undefined, filters: filters as Query };
}

// ---------------------------------------------------------------------------------------------

export function createEzeepClient(config: EzeepClientConfig): EzeepClient {
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

  // --- small request helpers -----------------------------------------------------------------
  function api<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    extra: { query?: Query; json?: unknown } = {},
  ) {
    return http.request({ host: "api", method, path, schema, ...extra });
  }
  function account<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    extra: { query?: Query; json?: unknown } = {},
  ) {
    return http.request({ host: "account", method, path, schema, ...extra });
  }

  function offsetResource<T, F extends object = object>(
    host: "api" | "account",
    path: string,
    pageSchema: z.ZodType<Page<T>, unknown>,
  ): OffsetListResource<T, F> {
    const list = (params?: OffsetParams & F) =>
      http.request({ host, method: "GET", path, schema: pageSchema, query: { ...(params ?? {}) } as Query });
    const iterate = (params?: IterateOffsetOptions & F): AsyncIterable<T> => {
      const { size, filters } = splitIterate(params, "pageSize");
      return iterateOffsetPages<T>(
        ({ limit, offset }) =>
          http.request({
            host,
            method: "GET",
            path,
            schema: pageSchema,
            query: { ...filters, limit, offset },
          }),
        size !== undefined ? { pageSize: size } : {},
      );
    };
    const all = (params?: IterateOffsetOptions & AllOptions & F) => {
      const { max, ...rest } = (params ?? {}) as IterateOffsetOptions & AllOptions & Record<string, unknown>;
      return collectAll(iterate(rest as IterateOffsetOptions & F), max !== undefined ? { max } : {});
    };
    return { list, iterate, all };
  }

  function pageResource<T>(path: string, pageSchema: z.ZodType<Page<T>, unknown>): PageListResource<T> {
    const list = (params?: PageParams) =>
      http.request({
        host: "account",
        method: "GET",
        path,
        schema: pageSchema,
        query: { ...(params ?? {}) },
      });
    const iterate = (params?: IteratePageOptions): AsyncIterable<T> =>
      iteratePagedPages<T>(
        (q) => http.request({ host: "account", method: "GET", path, schema: pageSchema, query: { ...q } }),
        params?.perPage !== undefined ? { perPage: params.perPage } : {},
      );
    const all = (params?: IteratePageOptions & AllOptions) =>
      collectAll(
        iterate(params?.perPage !== undefined ? { perPage: params.perPage } : {}),
        params?.max !== undefined ? { max: params.max } : {},
      );
    return { list, iterate, all };
  }

  async function organizationId(): Promise<string | null> {
    const token = await tokenProvider.getAccessToken();
    const org = decodeJwtClaims(token)?.org;
    if (typeof org === "string" && org) return org;
    return configuredOrg ?? null;
  }

  // --- resources -----------------------------------------------------------------------------
  const GROUPS = "/printing/v1/groups/";
  const PUSERS = "/printing/v1/users/";
  const USERS = "/v1/users/";
  const INVITES = "/v1/userinvitations/";
  const ASSIGN = "/printing/v1/assignments/";
  const PRINTERS = "/printing/v1/printers/";
  const CONNECTORS = "/printing/v1/connectors/";
  const DRIVERS = "/printing/v1/drivers/";
  const ORGS = "/partner/v1/organizations/";

  const groups: EzeepClient["groups"] = {
    ...offsetResource<Group>("api", GROUPS, groupPageSchema),
    get: (id) => api("GET", `${GROUPS}${seg(id)}/`, groupSchema),
    create: async (input) => {
      const organization_id = input.organization_id ?? (await organizationId()) ?? undefined;
      return api("POST", GROUPS, groupSchema, {
        json: { ...input, ...(organization_id ? { organization_id } : {}) },
      });
    },
    update: (id, input) => api("PATCH", `${GROUPS}${seg(id)}/`, groupSchema, { json: input }),
    delete: (id) => api("DELETE", `${GROUPS}${seg(id)}/`, emptySchema),
  };

  const printingUsers: EzeepClient["printingUsers"] = {
    ...offsetResource<PrintingUser>("api", PUSERS, printingUserPageSchema),
    get: (id) => api("GET", `${PUSERS}${seg(id)}/`, printingUserSchema),
    update: (id, input) => api("PATCH", `${PUSERS}${seg(id)}/`, printingUserSchema, { json: input }),
    setGroups: (id, groupIds) =>
      api("PATCH", `${PUSERS}${seg(id)}/`, printingUserSchema, { json: { groups: uniqueGroups(groupIds) } }),
  };

  const users: EzeepClient["users"] = {
    ...pageResource<AccountUser>(USERS, accountUserPageSchema),
    get: (id) => account("GET", `${USERS}${seg(id)}/`, accountUserSchema),
    me: () => account("GET", `${USERS}me/`, accountUserSchema),
    update: (id, input) => account("PATCH", `${USERS}${seg(id)}/`, accountUserSchema, { json: input }),
    delete: (id) => account("DELETE", `${USERS}${seg(id)}/`, emptySchema),
  };

  const invitations: EzeepClient["invitations"] = {
    ...pageResource<Invitation>(INVITES, invitationPageSchema),
    create: (input) =>
      account("POST", INVITES, invitationSchema, {
        json: { email: input.email, expire_date: formatEzeepDate(input.expire_date) },
      }),
    resend: (invitationId) => account("PATCH", `${INVITES}${seg(invitationId)}/`, invitationResendSchema),
  };

  const assignments: EzeepClient["assignments"] = {
    ...offsetResource<PrinterAssignments, { group?: string }>("api", ASSIGN, printerAssignmentsPageSchema),
    assign: (printerId, groupIds) =>
      api("PUT", `${ASSIGN}${seg(printerId)}/`, printerAssignmentsSchema, {
        json: { assignment: [{ groups: uniqueGroups(groupIds) }] },
      }),
    unassign: (printerId, groupIds) =>
      api("DELETE", `${ASSIGN}${seg(printerId)}/`, emptySchema, {
        json: { assignment: [{ groups: uniqueGroups(groupIds) }] },
      }),
  };

  const printers: EzeepClient["printers"] = {
    ...offsetResource<Printer, { connector_id?: string }>("api", PRINTERS, printerPageSchema),
    get: (id) => api("GET", `${PRINTERS}${seg(id)}/`, printerSchema),
    update: (id, input) => api("PATCH", `${PRINTERS}${seg(id)}/`, printerSchema, { json: input }),
  };

  const connectors: EzeepClient["connectors"] = {
    ...offsetResource<Connector, { type?: string }>("api", CONNECTORS, connectorPageSchema),
    filterValues: () => api("GET", "/printing/v1/filter_values/connector/", filterValuesSchema),
    delete: (id) => api("DELETE", `${CONNECTORS}${seg(id)}/`, emptySchema),
  };

  const drivers: EzeepClient["drivers"] = {
    ...offsetResource<Driver, { vendor?: string }>("api", DRIVERS, driverPageSchema),
    vendors: () => api("GET", `${DRIVERS}vendors/`, vendorsSchema),
  };

  const organizations: EzeepClient["organizations"] = {
    ...pageResource<Organization>(ORGS, organizationPageSchema),
    get: (id) => account("GET", `${ORGS}${seg(id)}/`, organizationSchema),
    create: (input) => {
      const json =
        "admin_user_invitation" in input
          ? {
              ...input,
              admin_user_invitation: {
                ...input.admin_user_invitation,
                expire_date: formatEzeepDate(input.admin_user_invitation.expire_date),
              },
            }
          : input;
      return account("POST", ORGS, organizationSchema, { json });
    },
    update: (id, input) => account("PATCH", `${ORGS}${seg(id)}/`, organizationSchema, { json: input }),
    delete: (id) => account("DELETE", `${ORGS}${seg(id)}/`, emptySchema),
  };

  return {
    groups,
    printingUsers,
    users,
    invitations,
    assignments,
    printers,
    connectors,
    drivers,
    organizations,
    organizationId,
  };
}
