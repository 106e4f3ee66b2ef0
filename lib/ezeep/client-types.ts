// The ezeep client's public types: its configuration, the parameters and inputs of each
// resource, and the shape of the client object (implemented in ./client.ts). Types only, so
// client components may import them.
import type { LaneResolver } from "./lanes";
import type {
  AccountUser,
  Connector,
  Driver,
  FilterValue,
  Group,
  Invitation,
  InvitationResend,
  Organization,
  Page,
  Printer,
  PrinterAssignments,
  PrintingUser,
} from "./schemas";
import type { TokenProvider } from "./token";

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
