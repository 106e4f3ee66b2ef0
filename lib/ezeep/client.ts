// The typed ezeep client: one object with a resource group per ezeep resource (docs/ezeep.md).
// Hosts: identity (users, invitations, partner organizations) on the account host; everything
// printing-related on the printing host (api2).

import "server-only";

import type { z } from "zod";

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
  type FilterValue,
  type Group,
  type Invitation,
  type InvitationResend,
  type Organization,
  type Page,
  type Printer,
  type PrinterAssignments,
  type PrintingUser,
} from "./schemas";
import { createClientCredentialsTokenProvider, decodeJwtClaims, type TokenProvider } from "./token";

// ---------------------------------------------------------------------------------------------
// Config

export type EzeepCredentials =
  | { clientId: string; clientSecret: string; organizationId?: string; scope?: string }
  | { tokenProvider: TokenProvider };

export interface EzeepClientConfig {
  accountUrl: string;
  apiUrl: string;
  credentials: EzeepCredentials;
  /** Per-attempt timeout; default 15000. */
  timeoutMs?: number;
  /** Retries of idempotent calls (GET, HEAD, PUT, DELETE); default 3. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Test hooks and tuning (see HttpSettings). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  userAgent?: string;
  /**
   * The API client id whose lanes (budget + Retry-After gate per host, lanes.ts) this client
   * uses; default the credentials' client id. Every client object of one API client shares them.
   */
  laneClientId?: string;
  /** Lanes to use instead of the process-wide ones (tests playing several portal instances). */
  lanes?: LaneResolver;
}

// ---------------------------------------------------------------------------------------------
// Parameter and input types

export interface OffsetParams {
  limit?: number;
  offset?: number;
}
export interface PageParams {
  page?: number;
  per_page?: number;
}
export interface IterateOffsetOptions {
  /** Default 100, the largest page ezeep allows. */
  pageSize?: number;
}
export interface IteratePageOptions {
  /** Default 100, the largest page ezeep allows. */
  perPage?: number;
}
export interface AllOptions {
  /** Stop after this many items. */
  max?: number;
}

export interface GroupCreateInput {
  name: string;
  /** Required by ezeep; defaults to the organization of the access token (`org` claim). */
  organization_id?: string;
  description?: string;
  local_printing_enabled?: boolean;
  myprinters_enabled?: boolean;
}
export type GroupUpdateInput = Partial<
  Pick<GroupCreateInput, "name" | "description" | "local_printing_enabled" | "myprinters_enabled">
>;

export interface PrintingUserUpdateInput {
  local_printing_enabled?: boolean;
  self_service_enabled?: boolean;
  myprinters_enabled?: boolean;
  pull_printing_enabled?: boolean;
  /** REPLACES the user's whole membership (§3.4). Prefer `setGroups`. */
  groups?: { group_id: string }[];
}

export interface AccountUserUpdateInput {
  first_name?: string;
  last_name?: string;
  email?: string;
  roles?: string[];
}

export interface InvitationCreateInput {
  email: string;
  /** Date, or a string `YYYY-MM-DDTHH:MM:SS` (UTC). */
  expire_date: Date | string;
}

export interface PrinterUpdateInput {
  name?: string;
  status?: string;
  location?: string;
  connector_id?: string;
  /** Manual driver (ezeep echoes it as `manual_driver_id`, §3.7); null clears it. */
  driver_id?: string | null;
  [extra: string]: unknown;
}

export type OrganizationCreateInput =
  | { name: string; admin_user: string; currency_code: "USD" | "EUR" | (string & {}) }
  | {
      name: string;
      currency_code: "USD" | "EUR" | (string & {});
      admin_user_invitation: {
        email: string;
        expire_date: Date | string;
        user: { first_name: string; last_name: string; preferred_language: "en" | "de" | (string & {}) };
      };
    };
export interface OrganizationUpdateInput {
  name?: string;
  currency_code?: string;
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Client type

export interface OffsetListResource<T, F = object> {
  list(params?: OffsetParams & F): Promise<Page<T>>;
  iterate(params?: IterateOffsetOptions & F): AsyncIterable<T>;
  all(params?: IterateOffsetOptions & AllOptions & F): Promise<T[]>;
}
export interface PageListResource<T> {
  list(params?: PageParams): Promise<Page<T>>;
  iterate(params?: IteratePageOptions): AsyncIterable<T>;
  all(params?: IteratePageOptions & AllOptions): Promise<T[]>;
}

export interface EzeepClient {
  groups: OffsetListResource<Group> & {
    get(id: string): Promise<Group>;
    create(input: GroupCreateInput): Promise<Group>;
    update(id: string, input: GroupUpdateInput): Promise<Group>;
    delete(id: string): Promise<void>;
  };
  printingUsers: OffsetListResource<PrintingUser> & {
    get(id: string): Promise<PrintingUser>;
    update(id: string, input: PrintingUserUpdateInput): Promise<PrintingUser>;
    /** PATCH `{groups:[{group_id}]}`: the user ends up in exactly these groups. */
    setGroups(id: string, groupIds: readonly string[]): Promise<PrintingUser>;
  };
  users: PageListResource<AccountUser> & {
    get(id: string): Promise<AccountUser>;
    me(): Promise<AccountUser>;
    update(id: string, input: AccountUserUpdateInput): Promise<AccountUser>;
    delete(id: string): Promise<void>;
  };
  invitations: PageListResource<Invitation> & {
    create(input: InvitationCreateInput): Promise<Invitation>;
    /** PATCH with an empty body; ezeep answers `{id}`. */
    resend(invitationId: string): Promise<InvitationResend>;
  };
  assignments: OffsetListResource<PrinterAssignments, { group?: string }> & {
    /** PUT `{"assignment":[{"groups":[{group_id}]}]}` (idempotent). */
    assign(printerId: string, groupIds: readonly string[]): Promise<PrinterAssignments>;
    /** DELETE with the same body shape naming the groups to remove. */
    unassign(printerId: string, groupIds: readonly string[]): Promise<void>;
  };
  printers: OffsetListResource<Printer, { connector_id?: string }> & {
    get(id: string): Promise<Printer>;
    update(id: string, input: PrinterUpdateInput): Promise<Printer>;
  };
  connectors: OffsetListResource<Connector, { type?: string }> & {
    filterValues(): Promise<FilterValue[]>;
    delete(id: string): Promise<void>;
  };
  drivers: OffsetListResource<Driver, { vendor?: string }> & {
    vendors(): Promise<string[]>;
  };
  /** Partner API (account host): page/per_page like the other account listings (§2.2 is silent). */
  organizations: PageListResource<Organization> & {
    get(id: string): Promise<Organization>;
    create(input: OrganizationCreateInput): Promise<Organization>;
    update(id: string, input: OrganizationUpdateInput): Promise<Organization>;
    delete(id: string): Promise<void>;
  };
  /** Organization id of the current access token (`org` claim), or the configured one. */
  organizationId(): Promise<string | null>;
}

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
