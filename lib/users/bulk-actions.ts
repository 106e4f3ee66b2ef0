"use server";

// Bulk actions of the users list beyond "add to group": remove the selection from one group, and
// resend the invitations of the selected invitees. Both answer with a result per user; each
// user's change is its own audit entry ("membership.remove" / "invitation.bulk_resend"), and a
// refused call is on record under the bulk action's name (defineAction). Undo of a removal is the
// existing bulk add ("membership.bulk_add") of exactly the users that were removed.
import { z } from "zod";

import { defineAction } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { mapPool } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/server";
import { bulkResend } from "@/lib/invitations/service";
import { changeGroupsOfMany, loadBulkGroup } from "@/lib/memberships/bulk";
import { BULK_BATCH_MAX } from "@/lib/memberships/schemas";
import { ezeepFor, ezeepMaxConcurrency } from "@/lib/organizations/service";
import { getDirectory } from "@/lib/users/directory";

const id = z.string().trim().min(1, "Choose a user.").max(100);
const userIds = z
  .array(id, { error: "Choose at least one user." })
  .min(1, "Choose at least one user.")
  .max(BULK_BATCH_MAX, `Choose at most ${BULK_BATCH_MAX} users at a time.`)
  .transform((list) => [...new Set(list)]);

const bulkRemoveSchema = z.object({ groupId: z.string().trim().min(1, "Choose a group.").max(100), userIds });
const bulkResendForUsersSchema = z.object({ userIds });

export interface UserBulkResult {
  userId: string;
  label: string;
  outcome: "done" | "unchanged" | "skipped" | "failed";
  message: string;
}

interface PersonFacts {
  email: string | null;
  verified: boolean | null;
}

/** From the users directory, or from ezeep when the directory has not seen the user yet. */
async function factsOf(
  ctx: OrgContext,
  dir: Awaited<ReturnType<typeof getDirectory>> | null,
  userId: string,
): Promise<PersonFacts> {
  const row = dir?.byId.get(userId);
  if (row) return { email: row.email, verified: row.verified };
  const user = await ezeepFor(ctx.organization)
    .users.get(userId)
    .catch(() => null);
  return { email: user?.email ?? null, verified: user ? user.is_verified : null };
}

/** Removal through the bulk membership path (lib/memberships/bulk.ts); invitees are skipped. */
async function removeFromGroup(ctx: OrgContext, input: z.output<typeof bulkRemoveSchema>) {
  const t = await translator("users");
  const { group, groups, allGroups, dir } = await loadBulkGroup(ctx, input.groupId);
  const facts = await mapPool(input.userIds, ezeepMaxConcurrency(), (userId) => factsOf(ctx, dir, userId));
  const results = new Array<UserBulkResult>(input.userIds.length);
  const members: { index: number; userId: string; label: string }[] = [];
  input.userIds.forEach((userId, index) => {
    const label = facts[index]!.email ?? userId;
    if (facts[index]!.verified !== false) members.push({ index, userId, label });
    else
      results[index] = {
        userId,
        label,
        outcome: "skipped",
        message: t("bulk.notAccepted"),
      };
  });
  const remove = { add: [], remove: [group.id] };
  const changed = await changeGroupsOfMany(ctx, members, remove, groups, { allGroups });
  changed.forEach((r, i) => {
    const { index, userId, label } = members[i]!;
    if (!r.ok) results[index] = { userId, label, outcome: "failed", message: r.error ?? "" };
    else if (r.changed)
      results[index] = {
        userId,
        label,
        outcome: "done",
        message: t("bulk.removedFrom", { group: group.name }),
      };
    else
      results[index] = {
        userId,
        label,
        outcome: "unchanged",
        message: t("bulk.wasNotIn", { group: group.name }),
      };
  });
  return { group: { id: group.id, name: group.name }, results };
}

/** The portal's open invitation for each selected invitee (by ezeep user id, else by email). */
async function resendForUsers(ctx: OrgContext, input: z.output<typeof bulkResendForUsersSchema>) {
  const t = await translator("users");
  const dir = await getDirectory(ctx).catch(() => null);
  const open = await db.invitation.findMany({
    where: { organizationId: ctx.organization.id, status: { in: ["pending", "expired"] } },
    orderBy: { sentAt: "desc" },
  });
  const results: UserBulkResult[] = [];
  const invitationOf = new Map<string, string>(); // invitation id → user id
  for (const userId of input.userIds) {
    const facts = await factsOf(ctx, dir, userId);
    const label = facts.email ?? userId;
    if (facts.verified) {
      results.push({ userId, label, outcome: "skipped", message: t("bulk.alreadySignedUp") });
      continue;
    }
    const email = facts.email?.toLowerCase();
    const invitation = open.find((i) => i.ezeepUserId === userId || (email && i.email === email));
    if (!invitation) {
      results.push({ userId, label, outcome: "skipped", message: t("bulk.noOpenInvitation") });
      continue;
    }
    invitationOf.set(invitation.id, userId);
  }
  if (invitationOf.size > 0) {
    const sent = await bulkResend(ctx, { ids: [...invitationOf.keys()] });
    for (const r of sent.results) {
      const userId = invitationOf.get(r.id) ?? r.id;
      const outcome = r.outcome === "sent" ? "done" : r.outcome;
      results.push({ userId, label: r.email, outcome, message: r.message });
    }
  }
  const order = new Map(input.userIds.map((u, i) => [u, i]));
  return { results: results.sort((a, b) => (order.get(a.userId) ?? 0) - (order.get(b.userId) ?? 0)) };
}

export const bulkRemoveFromGroupAction = defineAction({
  name: "membership.bulk_remove",
  permission: "memberships.write",
  mutation: true,
  input: bulkRemoveSchema,
  // The browser refreshes once it has shown the results.
  handler: (ctx, input) => removeFromGroup(ctx, input),
});

export const bulkResendForUsersAction = defineAction({
  name: "invitation.bulk_resend_users",
  permission: "invitations.write",
  mutation: true,
  input: bulkResendForUsersSchema,
  handler: (ctx, input) => resendForUsers(ctx, input),
});
