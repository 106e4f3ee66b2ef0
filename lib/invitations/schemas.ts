// Input rules for invitations. Addresses arrive as free text (one or many, separated by commas,
// semicolons, spaces or new lines; "Name <address>" works too) and are checked one by one, so a
// bad address is reported next to the good ones instead of failing the whole request.
import { z } from "zod";

import {
  EMAIL_MAX,
  INVITATION_ROLES,
  INVITATION_STATUSES,
  MAX_ADDRESSES,
  parseAddressList,
  type InvitationRole,
  type InvitationStatus,
  type ParsedAddress,
} from "@/lib/invitations/addresses";

export { EMAIL_MAX, INVITATION_ROLES, INVITATION_STATUSES, MAX_ADDRESSES, parseAddressList };
export type { InvitationRole, InvitationStatus, ParsedAddress };

const id = z.string().trim().min(1).max(100);

export const inviteSchema = z.object({
  emails: z
    .string({ error: "Enter at least one email address." })
    .max(20_000, "That is too much text: paste at most 100 addresses at a time.")
    .refine((v) => parseAddressList(v).length > 0, "Enter at least one email address.")
    .refine(
      (v) => parseAddressList(v).length <= MAX_ADDRESSES,
      `Invite at most ${MAX_ADDRESSES} addresses at a time.`,
    ),
  role: z.enum(INVITATION_ROLES, { error: "Choose a role." }).default("user"),
  groupIds: z.array(id).max(50, "Choose at most 50 groups.").default([]),
  expiresInDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "An invitation must be valid for at least 1 day.")
    .max(90, "An invitation can be valid for at most 90 days.")
    .optional(),
});
export type InviteInput = z.output<typeof inviteSchema>;

export const resendSchema = z.object({ id });
export const adoptSchema = z.object({ id });
export const bulkResendSchema = z.object({
  ids: z
    .array(id)
    .min(1, "Select at least one invitation.")
    .max(200, "Resend at most 200 invitations at a time."),
});
export const syncSchema = z.object({}).default({});

export const listInvitationsSchema = z.object({
  status: z
    .enum(["all", ...INVITATION_STATUSES])
    .default("all")
    .catch("all"),
  q: z.string().trim().max(200).default("").catch(""),
  page: z.coerce.number().int().min(1).default(1).catch(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(25).catch(25),
});
export type ListInvitationsQuery = z.output<typeof listInvitationsSchema>;
