"use server";

// Server actions for invitations. Each one is defineAction(…): session, permission, zod, audit.
import { revalidatePath } from "next/cache";

import { defineAction } from "@/lib/auth/action";
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

function refreshInvitationPages() {
  try {
    revalidatePath("/invitations", "layout");
    revalidatePath("/");
    revalidatePath("/audit");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const inviteAction = defineAction({
  name: "invitation.create",
  permission: "invitations.write",
  mutation: true,
  input: inviteSchema,
  handler: async (ctx, input) => {
    const result = await inviteMany(ctx, input);
    refreshInvitationPages();
    return result;
  },
});

export const resendInvitationAction = defineAction({
  name: "invitation.resend",
  permission: "invitations.write",
  mutation: true,
  input: resendSchema,
  handler: async (ctx, input) => {
    const invitation = await resendInvitation(ctx, input);
    refreshInvitationPages();
    return invitation;
  },
});

export const bulkResendAction = defineAction({
  name: "invitation.bulk_resend",
  permission: "invitations.write",
  mutation: true,
  input: bulkResendSchema,
  handler: async (ctx, input) => {
    const result = await bulkResend(ctx, input);
    refreshInvitationPages();
    return result;
  },
});

export const syncInvitationsAction = defineAction({
  name: "invitation.sync",
  permission: "invitations.write",
  mutation: true,
  input: syncSchema,
  handler: async (ctx) => {
    const summary = await syncInvitations(ctx.organization, new Date(), { actor: ctx.actor });
    refreshInvitationPages();
    return summary;
  },
});

/** Takes over an invitation found in ezeep: the portal sends its reminders from now on. */
export const adoptInvitationAction = defineAction({
  name: "invitation.adopt",
  permission: "invitations.write",
  mutation: true,
  input: adoptSchema,
  handler: async (ctx, input) => {
    const invitation = await adoptInvitation(ctx, input);
    refreshInvitationPages();
    return invitation;
  },
});
