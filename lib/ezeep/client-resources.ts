// The ezeep resources, one builder each: paths, methods, schemas and the body each call sends
// (docs/ezeep.md). Identity (users, invitations, partner organizations) is on the account host;
// everything printing-related on the printing host (api2).
import "server-only";

import type { z } from "zod";

import { offsetResource, pageResource } from "./client-lists";
import type { EzeepClient } from "./client-types";
import type { HttpClient, HttpMethod, Query } from "./http";
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
  type Printer,
  type PrinterAssignments,
  type PrintingUser,
} from "./schemas";

/** Requests on either host, as the resource builders make them. */
export interface Requests {
  http: HttpClient;
  api<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    extra?: RequestExtra,
  ): Promise<z.output<S>>;
  account<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    extra?: RequestExtra,
  ): Promise<z.output<S>>;
  /** The organization the client acts for (token claim, else the configured one). */
  organizationId(): Promise<string | null>;
}

export type RequestExtra = { query?: Query; json?: unknown };

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

const GROUPS = "/printing/v1/groups/";
const PUSERS = "/printing/v1/users/";
const USERS = "/v1/users/";
const INVITES = "/v1/userinvitations/";
const ASSIGN = "/printing/v1/assignments/";
const PRINTERS = "/printing/v1/printers/";
const CONNECTORS = "/printing/v1/connectors/";
const DRIVERS = "/printing/v1/drivers/";
const ORGS = "/partner/v1/organizations/";

export const groupsResource = (r: Requests): EzeepClient["groups"] => ({
  ...offsetResource<Group>(r.http, "api", GROUPS, groupPageSchema),
  get: (id) => r.api("GET", `${GROUPS}${seg(id)}/`, groupSchema),
  create: async (input) => {
    const organization_id = input.organization_id ?? (await r.organizationId()) ?? undefined;
    return r.api("POST", GROUPS, groupSchema, {
      json: { ...input, ...(organization_id ? { organization_id } : {}) },
    });
  },
  update: (id, input) => r.api("PATCH", `${GROUPS}${seg(id)}/`, groupSchema, { json: input }),
  delete: (id) => r.api("DELETE", `${GROUPS}${seg(id)}/`, emptySchema),
});

export const printingUsersResource = (r: Requests): EzeepClient["printingUsers"] => ({
  ...offsetResource<PrintingUser>(r.http, "api", PUSERS, printingUserPageSchema),
  get: (id) => r.api("GET", `${PUSERS}${seg(id)}/`, printingUserSchema),
  update: (id, input) => r.api("PATCH", `${PUSERS}${seg(id)}/`, printingUserSchema, { json: input }),
  setGroups: (id, groupIds) =>
    r.api("PATCH", `${PUSERS}${seg(id)}/`, printingUserSchema, { json: { groups: uniqueGroups(groupIds) } }),
});

export const usersResource = (r: Requests): EzeepClient["users"] => ({
  ...pageResource<AccountUser>(r.http, USERS, accountUserPageSchema),
  get: (id) => r.account("GET", `${USERS}${seg(id)}/`, accountUserSchema),
  me: () => r.account("GET", `${USERS}me/`, accountUserSchema),
  update: (id, input) => r.account("PATCH", `${USERS}${seg(id)}/`, accountUserSchema, { json: input }),
  delete: (id) => r.account("DELETE", `${USERS}${seg(id)}/`, emptySchema),
});

export const invitationsResource = (r: Requests): EzeepClient["invitations"] => ({
  ...pageResource<Invitation>(r.http, INVITES, invitationPageSchema),
  create: (input) =>
    r.account("POST", INVITES, invitationSchema, {
      json: { email: input.email, expire_date: formatEzeepDate(input.expire_date) },
    }),
  resend: (invitationId) => r.account("PATCH", `${INVITES}${seg(invitationId)}/`, invitationResendSchema),
});

export const assignmentsResource = (r: Requests): EzeepClient["assignments"] => ({
  ...offsetResource<PrinterAssignments, { group?: string }>(
    r.http,
    "api",
    ASSIGN,
    printerAssignmentsPageSchema,
  ),
  assign: (printerId, groupIds) =>
    r.api("PUT", `${ASSIGN}${seg(printerId)}/`, printerAssignmentsSchema, {
      json: { assignment: [{ groups: uniqueGroups(groupIds) }] },
    }),
  unassign: (printerId, groupIds) =>
    r.api("DELETE", `${ASSIGN}${seg(printerId)}/`, emptySchema, {
      json: { assignment: [{ groups: uniqueGroups(groupIds) }] },
    }),
});

export const printersResource = (r: Requests): EzeepClient["printers"] => ({
  ...offsetResource<Printer, { connector_id?: string }>(r.http, "api", PRINTERS, printerPageSchema),
  get: (id) => r.api("GET", `${PRINTERS}${seg(id)}/`, printerSchema),
  update: (id, input) => r.api("PATCH", `${PRINTERS}${seg(id)}/`, printerSchema, { json: input }),
});

export const connectorsResource = (r: Requests): EzeepClient["connectors"] => ({
  ...offsetResource<Connector, { type?: string }>(r.http, "api", CONNECTORS, connectorPageSchema),
  filterValues: () => r.api("GET", "/printing/v1/filter_values/connector/", filterValuesSchema),
  delete: (id) => r.api("DELETE", `${CONNECTORS}${seg(id)}/`, emptySchema),
});

export const driversResource = (r: Requests): EzeepClient["drivers"] => ({
  ...offsetResource<Driver, { vendor?: string }>(r.http, "api", DRIVERS, driverPageSchema),
  vendors: () => r.api("GET", `${DRIVERS}vendors/`, vendorsSchema),
});

export const organizationsResource = (r: Requests): EzeepClient["organizations"] => ({
  ...pageResource<Organization>(r.http, ORGS, organizationPageSchema),
  get: (id) => r.account("GET", `${ORGS}${seg(id)}/`, organizationSchema),
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
    return r.account("POST", ORGS, organizationSchema, { json });
  },
  update: (id, input) => r.account("PATCH", `${ORGS}${seg(id)}/`, organizationSchema, { json: input }),
  delete: (id) => r.account("DELETE", `${ORGS}${seg(id)}/`, emptySchema),
});
