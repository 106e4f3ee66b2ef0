"use server";

// Withdrawing an invitation. ezeep has no call for it: sending an invitation creates an
// unverified account user, and deleting that user withdraws the invitation (docs/ezeep.md,
// user invitations). The portal only ever deletes a user that is still unverified, so a person who
// already accepted keeps their account. Audited as "invitation.withdraw"; refusals too (they go
// on record through defineAction when the handler throws before writing an entry).
import { z } from "zod";

import { audited } from "@/lib/audit/service";
import { defineAction } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import type { AccountUser } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { getInvitation } from "@/lib/invitations/service";
import { userLockKey, withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/invitations/reconcile-changes";

const withdrawSchema = z.object({ id: z.string().trim().min(1, "Choose an invitation.").max(100) });

type InvitationRow = Awaited<ReturnType<typeof getInvitation>>;

async function invitedUser(ctx: OrgContext, row: InvitationRow): Promise<AccountUser | null> {
  const users = ezeepFor(ctx.organization).users;
  if (row.ezeepUserId) return users.get(row.ezeepUserId).catch(() => null);
  const email = row.email.toLowerCase();
  for await (const user of users.iterate()) {
    const viaInvitation = (user.user_invitations ?? []).some((i) => i.id === row.ezeepInvitationId);
    if (viaInvitation || user.email.toLowerCase() === email) return user;
  }
  return null;
}

type Translate = Awaited<ReturnType<typeof translator<"invitations">>>;

function refusalFor(t: Translate, row: InvitationRow): string | null {
  if (row.status === "accepted") return t("errors.withdrawAccepted");
  if (row.status === "cancelled") return t("errors.alreadyWithdrawn");
  return null;
}

async function withdrawInvitation(ctx: OrgContext, id: string) {
  const row = await getInvitation(ctx, id);
  const t = await translator("invitations");
  const refusal = refusalFor(t, row);
  if (refusal) throw new UserFacingError(refusal);
  const user = await invitedUser(ctx, row);
  if (!user) throw new UserFacingError(t("errors.withdrawNotListed"));
  if (user.is_verified) throw new UserFacingError(t("errors.withdrawVerified", { email: row.email }));
  const before = { email: row.email, status: row.status, ezeepUserId: user.id };
  await withKeyLock(userLockKey(ctx.organization.id, user.id), () =>
    audited(ctx, {
      action: "invitation.withdraw",
      target: { type: "invitation", id: row.id, label: row.email },
      before,
      intended: { ...before, status: "cancelled" },
      run: async () => {
        await ezeepFor(ctx.organization).users.delete(user.id);
        return { result: null };
      },
    }),
  );
  await db.invitation.update({ where: { id: row.id }, data: { status: "cancelled", ezeepUserId: user.id } });
  return { id: row.id, email: row.email };
}

export const withdrawInvitationAction = defineAction({
  name: "invitation.withdraw",
  permission: "invitations.write",
  mutation: true,
  revalidate: [["/invitations", "layout"], "/users", "/", "/audit"],
  input: withdrawSchema,
  handler: (ctx, input) => withdrawInvitation(ctx, input.id),
});
