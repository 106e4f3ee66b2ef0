"use server";

// Server actions for invitations. Each one is defineAction(…): session, permission, zod, audit.
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";
import {
  adoptSchema,
  bulkResendSchema,
  inviteSchema,
  resendSchema,
  syncSchema,
} from "@/lib/invitations/schemas";
import {
  adoptInvitation,
  bulkResend,
  inviteMany,
  resendInvitation,
  syncInvitations,
} from "@/lib/invitations/service";

/** Pages that show what these actions change. */
const INVITATION_PAGES: RevalidateTarget[] = [["/invitations", "layout"], "/", "/audit"];

export const inviteAction = defineAction({
  name: "invitation.create",
  permission: "invitations.write",
  mutation: true,
  revalidate: INVITATION_PAGES,
  input: inviteSchema,
  handler: async (ctx, input) => {
    const result = await inviteMany(ctx, input);
    return result;
  },
});

export const resendInvitationAction = defineAction({
  name: "invitation.resend",
  permission: "invitations.write",
  mutation: true,
  revalidate: INVITATION_PAGES,
  input: resendSchema,
  handler: async (ctx, input) => {
    const invitation = await resendInvitation(ctx, input);
    return invitation;
  },
});

export const bulkResendAction = defineAction({
  name: "invitation.bulk_resend",
  permission: "invitations.write",
  mutation: true,
  revalidate: INVITATION_PAGES,
  input: bulkResendSchema,
  handler: async (ctx, input) => {
    const result = await bulkResend(ctx, input);
    return result;
  },
});

export const syncInvitationsAction = defineAction({
  name: "invitation.sync",
  permission: "invitations.write",
  mutation: true,
  revalidate: INVITATION_PAGES,
  input: syncSchema,
  handler: async (ctx) => {
    const summary = await syncInvitations(ctx.organization, new Date(), { actor: ctx.actor });
    return summary;
  },
});

/** Takes over an invitation found in ezeep: the portal sends its reminders from now on. */
export const adoptInvitationAction = defineAction({
  name: "invitation.adopt",
  permission: "invitations.write",
  mutation: true,
  revalidate: INVITATION_PAGES,
  input: adoptSchema,
  handler: async (ctx, input) => {
    const invitation = await adoptInvitation(ctx, input);
    return invitation;
  },
});
