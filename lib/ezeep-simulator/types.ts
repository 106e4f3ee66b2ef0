// Public types of the simulator and the wire shapes it emits (docs/ezeep.md).

export interface SimulatorClient {
  clientId: string;
  clientSecret: string;
  organizationIds: string[];
  partner?: boolean;
  redirectUris?: string[];
}

export type SeedSpec = "demo" | "empty" | { users: number; groups?: number; printers?: number };

export interface SimulatorOptions {
  host?: string;
  accountPort?: number;
  apiPort?: number;
  seed?: SeedSpec;
  clients?: SimulatorClient[];
  latencyMs?: number;
  tokenTtlSeconds?: number;
  /** Readings of ezeep where its documentation is silent; each test can pick one. */
  behaviour?: Partial<SimulatorBehaviour>;
}

/**
 * Where ezeep's documentation allows more than one reading, the simulator offers each (defaults
 * first): the portal must be correct under every one.
 */
export interface SimulatorBehaviour {
  /** `PUT /printing/v1/assignments/<printer>/`: "add" the named groups, or "replace" the list with them. */
  assignmentPut: "add" | "replace";
  /** Group names: "unique" per organization (400 on a duplicate), or "duplicates-allowed". */
  groupNames: "unique" | "duplicates-allowed";
}

export interface FaultRule {
  host?: "account" | "api";
  method?: string;
  path: string;
  kind: "status" | "rate_limit" | "timeout" | "malformed" | "expire_token" | "reset";
  status?: number;
  retryAfter?: number;
  /**
   * rate_limit only: once it fires, answer 429 to every matching request until `retryAfter`
   * seconds have passed (a throttling window, as a real rate limiter would), then end.
   */
  window?: boolean;
  times?: number;
  delayMs?: number;
  /**
   * Apply the write first, then fail its answer (kinds "timeout", "reset", "status"): ezeep did the
   * change but the portal never hears so. Without it a fault short-circuits the request.
   */
  afterApply?: boolean;
}

export interface SimulatorStats {
  tokenRequests: {
    client_credentials: number;
    authorization_code: number;
    refresh_token: number;
    failed: number;
  };
  requests: number;
  byRoute: Record<string, number>;
  inFlightMax: number;
  rateLimited: number;
}

export interface Simulator {
  accountUrl: string;
  apiUrl: string;
  clients: SimulatorClient[];
  organizationId: string;
  faults: { add(rule: FaultRule): void; clear(): void };
  setLatency(ms: number): void;
  /** The current readings; `setBehaviour` changes some of them for this instance. */
  behaviour(): SimulatorBehaviour;
  setBehaviour(change: Partial<SimulatorBehaviour>): SimulatorBehaviour;
  stats(): SimulatorStats;
  resetStats(): void;
  reset(seed?: SeedSpec): void;
  addAzureGroups(
    orgId: string,
    groups: { name: string; foreignId?: string; description?: string }[],
  ): Group[];
  acceptInvitation(invitationId: string, profile?: { firstName?: string; lastName?: string }): AccountUser;
  expireAllTokens(): void;
  close(): Promise<void>;
}

// ---- wire shapes (what the simulator returns) ----

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface GroupOrigin {
  provider: string;
  foreign_id?: string;
}

export interface Group {
  id: string;
  name: string;
  description: string;
  local_printing_enabled: boolean;
  myprinters_enabled: boolean;
  origin: GroupOrigin;
  organization_id: string;
  num_members: number;
  num_printers: number;
}

export interface Invitation {
  id: string;
  updated: string;
  email: string;
  expire_date: string;
  delivery_status: string;
  invitation_status: "OPEN" | "ACCEPTED" | "EXPIRED";
}

export interface IdProfile {
  oid: string;
  preferred_username: string;
  name: string;
}

export interface AccountUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  display_name: string;
  date_joined: string;
  azure_profile: null;
  id_profile: IdProfile | null;
  user_invitations: Invitation[] | null;
  roles: string[];
  is_verified: boolean;
}

export interface PrintingUser {
  id: string;
  local_printing_enabled: boolean;
  self_service_enabled: boolean;
  myprinters_enabled: boolean;
  /** Settable, but never in an answer (as with ezeep). */
  pull_printing_enabled?: boolean;
  groups: { group_id: string }[];
}

export interface AssignmentGroup {
  group_id: string;
  group_name: string;
  group_foreign_id: string | null;
  force_chosen: boolean;
}

export interface PrinterAssignments {
  printer_id: string;
  printer_name: string;
  assignments: { settings: null; groups: AssignmentGroup[] }[];
}

export interface Printer {
  id: string;
  name: string;
  tp_id: number;
  status: string;
  vendor_name: string;
  model_name: string;
  location: string;
  connector_id: string;
  driver_id: string | null;
  manual_driver_id: string | null;
  supported_formats: string[];
  blob_capabilities: null;
  pnp_id: string;
  auto_driver_assignment_state: string;
}

export interface Connector {
  id: string;
  readable_name: string;
  description: string;
  type: string;
  status: string;
  location: string;
  os_type: string;
  serial_string: string;
  supported_formats: string[];
}

export interface Driver {
  id: string;
  name: string;
  readable_name: string;
  vendor: string;
  os: string;
  arch: string;
  printers_using_driver: number;
  blob_capabilities: { options: number; count: number; capabilities: string };
}

export interface Organization {
  id: string;
  name: string;
  currency_code: string;
  admin_user: string | null;
}
