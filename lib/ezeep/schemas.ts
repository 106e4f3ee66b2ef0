// zod schemas for every ezeep response body the portal reads (docs/ezeep.md).
// Objects are loose: unknown fields are kept (ezeep adds fields without notice) and never fail a
// parse. Fields that the docs show as nullable, or whose type the seeds contradict (§4 #5, #6),
// are accepted in both forms and normalised.

import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Helpers

/** String that may come as null/missing; normalised to "". */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");

/** Integer that seeds type as "str": accept 3 or "3". */
const count = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Boolean that may be missing in some answers; defaults to false. */
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

/** Canonical spelling of the known identity providers; compare case-insensitively (§4 #5). */
export function normaliseProvider(p: string): string {
  const l = p.trim().toLowerCase();
  if (l === "ezeep") return "Ezeep";
  if (l === "azure") return "Azure";
  return p;
}

// ---------------------------------------------------------------------------------------------
// Envelope

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

const link = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));

/** `{count, next, previous, results}` (both hosts). Extra envelope fields are dropped. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    count: count,
    next: link,
    previous: link,
    results: z.array(item),
  });
}

/**
 * Envelope or plain array (used where ezeep's pagination is undocumented, e.g. partner
 * organizations): a plain array becomes a single page.
 */
export function pageOrArraySchema<T extends z.ZodType>(item: T) {
  return z.union([
    pageSchema(item),
    z.array(item).transform((results): Page<z.output<T>> => ({
      count: results.length,
      next: null,
      previous: null,
      results,
    })),
  ]);
}

// ---------------------------------------------------------------------------------------------
// OAuth

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: count.optional(),
  scope: z.string().nullish(),
  refresh_token: z.string().nullish(),
});
export type TokenResponse = z.output<typeof tokenResponseSchema>;

export const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});
export type OAuthError = z.output<typeof oauthErrorSchema>;

// ---------------------------------------------------------------------------------------------
// Groups (§3.5)

export interface GroupOrigin {
  /** "Ezeep" | "Azure" (canonical casing) | other provider names as sent. */
  provider: string;
  /** Azure AD group object id for imported groups. */
  foreign_id?: string | null;
  [extra: string]: unknown;
}

export const groupOriginSchema = z
  .union([
    z.looseObject({
      provider: z.string(),
      foreign_id: z.string().nullish(),
    }),
    // Seeds type `origin` as a string.
    z.string().transform((provider) => ({ provider })),
  ])
  .transform((o): GroupOrigin => ({ ...o, provider: normaliseProvider(o.provider) }));

export const groupSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: text,
  local_printing_enabled: flag,
  myprinters_enabled: flag,
  origin: groupOriginSchema.nullish().transform((o): GroupOrigin => o ?? { provider: "Ezeep" }),
  organization_id: z.string().nullish(),
  num_members: count.nullish().transform((v) => v ?? 0),
  num_printers: count.nullish().transform((v) => v ?? 0),
});
export type Group = z.output<typeof groupSchema>;
export const groupPageSchema = pageSchema(groupSchema);

export function isAzureGroup(g: Pick<Group, "origin">): boolean {
  return g.origin.provider.toLowerCase() === "azure";
}

// ---------------------------------------------------------------------------------------------
// Printing-side users (§3.4)

export const groupRefSchema = z.looseObject({ group_id: z.string() });
export type GroupRef = z.output<typeof groupRefSchema>;

export const printingUserSchema = z.looseObject({
  id: z.string(),
  local_printing_enabled: flag,
  self_service_enabled: flag,
  myprinters_enabled: flag,
  pull_printing_enabled: z.boolean().nullish(),
  groups: z
    .array(groupRefSchema)
    .nullish()
    .transform((g) => g ?? []),
});
export type PrintingUser = z.output<typeof printingUserSchema>;
export const printingUserPageSchema = pageSchema(printingUserSchema);

// ---------------------------------------------------------------------------------------------
// Invitations (§3.3)

export const invitationSchema = z.looseObject({
  id: z.string(),
  updated: z.string().nullish(),
  email: z.string(),
  expire_date: z.string().nullish(),
  delivery_status: z.string().nullish(),
  invitation_status: z.string().nullish(),
});
export type Invitation = z.output<typeof invitationSchema>;
export const invitationPageSchema = pageSchema(invitationSchema);

/** `PATCH /v1/userinvitations/<id>/` answers `{ "id": ... }` (maybe more). */
export const invitationResendSchema = z.looseObject({ id: z.string() });
export type InvitationResend = z.output<typeof invitationResendSchema>;

// ---------------------------------------------------------------------------------------------
// Account users (§3.2)

export const idProfileSchema = z.looseObject({
  oid: z.string().nullish(),
  preferred_username: z.string().nullish(),
  name: z.string().nullish(),
});

export const accountUserSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  first_name: text,
  last_name: text,
  display_name: text,
  date_joined: z.string().nullish(),
  azure_profile: z.unknown().nullish(),
  id_profile: idProfileSchema.nullish(),
  user_invitations: z.array(invitationSchema).nullish(),
  // §4 #7: a string is wrapped.
  roles: z
    .union([z.array(z.string()), z.string().transform((r) => [r])])
    .nullish()
    .transform((r) => r ?? []),
  is_verified: flag,
});
export type AccountUser = z.output<typeof accountUserSchema>;
export const accountUserPageSchema = pageSchema(accountUserSchema);

// ---------------------------------------------------------------------------------------------
// Assignments (§3.6)

export const assignmentGroupSchema = z.looseObject({
  group_id: z.string(),
  group_name: text,
  group_foreign_id: z.string().nullish(),
  force_chosen: flag,
});
export type AssignmentGroup = z.output<typeof assignmentGroupSchema>;

export const printerAssignmentsSchema = z.looseObject({
  printer_id: z.string(),
  printer_name: text,
  assignments: z
    .array(
      z.looseObject({
        settings: z.unknown().nullish(),
        groups: z
          .array(assignmentGroupSchema)
          .nullish()
          .transform((g) => g ?? []),
      }),
    )
    .nullish()
    .transform((a) => a ?? []),
});
export type PrinterAssignments = z.output<typeof printerAssignmentsSchema>;
export const printerAssignmentsPageSchema = pageSchema(printerAssignmentsSchema);

/** All group ids a printer is assigned to (flattens `assignments[].groups[]`). */
export function assignedGroupIds(p: PrinterAssignments): string[] {
  return [...new Set(p.assignments.flatMap((a) => a.groups.map((g) => g.group_id)))];
}

// ---------------------------------------------------------------------------------------------
// Printers (§3.7)

export const printerSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  tp_id: count.nullish(),
  status: text,
  vendor_name: text,
  model_name: text,
  location: text,
  connector_id: z.string().nullish(),
  driver_id: z.string().nullish(),
  manual_driver_id: z.string().nullish(),
  supported_formats: z
    .array(z.string())
    .nullish()
    .transform((f) => f ?? []),
  blob_capabilities: z.unknown().nullish(),
  pnp_id: z.string().nullish(),
  auto_driver_assignment_state: z.string().nullish(),
  can_modify_favorite: z.boolean().nullish(),
  is_favorite: z.boolean().nullish(),
});
export type Printer = z.output<typeof printerSchema>;
export const printerPageSchema = pageSchema(printerSchema);

/** The driver in effect: a manual override wins over the auto-assigned one (§3.7). */
export function effectiveDriverId(p: Pick<Printer, "driver_id" | "manual_driver_id">): string | null {
  return p.manual_driver_id ?? p.driver_id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Connectors (§3.8)

export const connectorSchema = z.looseObject({
  id: z.string(),
  readable_name: text,
  description: text,
  type: text,
  status: text,
  location: text,
  os_type: z.string().nullish(),
  serial_string: z.string().nullish(),
  supported_formats: z
    .array(z.string())
    .nullish()
    .transform((f) => f ?? []),
});
export type Connector = z.output<typeof connectorSchema>;
export const connectorPageSchema = pageSchema(connectorSchema);

export const filterValueSchema = z.looseObject({
  field_name: z.string(),
  values: z.array(z.string()),
});
export type FilterValue = z.output<typeof filterValueSchema>;
export const filterValuesSchema = z.array(filterValueSchema);

// ---------------------------------------------------------------------------------------------
// Drivers (§3.9)

export const vendorsSchema = z.array(z.string());

export const driverSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  readable_name: text,
  vendor: text,
  os: z.string().nullish(),
  arch: z.string().nullish(),
  printers_using_driver: count.nullish().transform((v) => v ?? 0),
  blob_capabilities: z.unknown().nullish(),
});
export type Driver = z.output<typeof driverSchema>;
export const driverPageSchema = pageSchema(driverSchema);

// ---------------------------------------------------------------------------------------------
// Partner organizations (§3.1)

export const organizationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  admin_user: z.string().nullish(),
  currency_code: z.string().nullish(),
});
export type Organization = z.output<typeof organizationSchema>;
export const organizationPageSchema = pageOrArraySchema(organizationSchema);

// ---------------------------------------------------------------------------------------------
// Empty answers (204)

/** For calls that answer 204 / an empty body; any JSON body is ignored. */
export const emptySchema = z.unknown().transform(() => undefined);
