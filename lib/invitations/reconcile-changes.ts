// After a lost answer (docs/ezeep.md, unknown outcomes): reads an invitation or its invited user
// back and says whether a resend, a withdrawal or an applied role / groups landed.
// - Resend: ezeep does not document what a resend changes. When the invitation's `updated` moved
//   past the attempt or its expiry moved later, it was sent; when neither moved ezeep cannot show
//   it (settled "unknown" with what was seen); a vanished or accepted invitation was not resent.
// - Withdraw (deleting the unverified user): applied when ezeep answers 404 for that user.
// - Role / groups: applied when the invited user shows the admin role / every intended group.
import "server-only";

import {
  objectOf,
  RECONCILE_CLOCK_SKEW_MS,
  registerReconciler,
  stringList,
  type Observation,
  type UnknownChange,
} from "@/lib/audit/reconcilers";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { nullIfNotFound, type Invitation as EzeepInvitation } from "@/lib/ezeep";
import { parseEzeepDate } from "@/lib/invitations/ezeep-data";
import { ezeepFor } from "@/lib/organizations/service";

async function ezeepInvitation(ctx: OrgContext, id: string): Promise<EzeepInvitation | null> {
  for await (const inv of ezeepFor(ctx.organization).invitations.iterate()) if (inv.id === id) return inv;
  return null;
}

function resendObserved(inv: EzeepInvitation) {
  return {
    status: inv.invitation_status ?? null,
    updated: inv.updated ?? null,
    expires: inv.expire_date ?? null,
  };
}

async function reconcileResend(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const row = change.targetId ? await db.invitation.findUnique({ where: { id: change.targetId } }) : null;
  const inv = row?.ezeepInvitationId ? await ezeepInvitation(ctx, row.ezeepInvitationId) : null;
  if (!row || !inv)
    return { applied: false, observed: { found: "the invitation no longer exists in ezeep" } };
  const observed = resendObserved(inv);
  if (inv.invitation_status?.toUpperCase() === "ACCEPTED") return { applied: false, observed };
  const updated = parseEzeepDate(inv.updated);
  const expires = parseEzeepDate(inv.expire_date);
  const before = parseEzeepDate(String(objectOf(change.before)?.expiresAt ?? "")) ?? null;
  const touched = updated !== null && updated.getTime() >= change.at.getTime() - RECONCILE_CLOCK_SKEW_MS;
  const extended = expires !== null && before !== null && expires.getTime() > before.getTime();
  if (!touched && !extended)
    return {
      applied: null,
      observed,
      reason:
        "neither the invitation's `updated` nor its expiry moved, and ezeep documents no other trace of a send",
    };
  if (expires) await db.invitation.update({ where: { id: row.id }, data: { expiresAt: expires } });
  return { applied: true, result: null, observed };
}

/** invitation.withdraw and the NDD withdrawals: the unverified user (and so the invitation) is gone. */
async function reconcileWithdraw(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const before = objectOf(change.before) ?? {};
  const userId = typeof before.ezeepUserId === "string" ? before.ezeepUserId : null;
  const user = userId ? await nullIfNotFound(ezeepFor(ctx.organization).users.get(userId)) : null;
  if (user) return { applied: false, observed: { email: user.email, verified: user.is_verified } };
  if (!userId) return { applied: false, observed: { found: "no invited user was recorded" } };
  if (change.targetId)
    await db.invitation.updateMany({
      where: { id: change.targetId, organizationId: ctx.organization.id },
      data: { status: "cancelled", ezeepUserId: userId },
    });
  const result = { withdrawn: true, intendedGroupIds: stringList(before.intendedGroupIds) };
  return { applied: true, result, observed: { found: "ezeep answers 404: the invited user is deleted" } };
}

async function reconcileRole(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const intended = objectOf(change.intended) ?? {};
  const user = await nullIfNotFound(ezeepFor(ctx.organization).users.get(String(intended.userId ?? "")));
  if (!user) return { applied: false, observed: { found: "the invited user no longer exists" } };
  const observed = { email: user.email, roles: user.roles };
  if (!user.roles.includes("admin")) return { applied: false, observed };
  if (change.targetId)
    await db.invitation.updateMany({
      where: { id: change.targetId, roleAppliedAt: null },
      data: { roleAppliedAt: new Date() },
    });
  return { applied: true, result: user, observed };
}

async function reconcileGroups(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const intended = objectOf(change.intended) ?? {};
  const wanted = stringList(intended.groupIds);
  const names = new Map(wanted.map((id, i) => [id, stringList(intended.groups)[i] ?? id]));
  const user = await nullIfNotFound(
    ezeepFor(ctx.organization).printingUsers.get(String(intended.userId ?? "")),
  );
  if (!user) return { applied: false, observed: { found: "the user has no printing account in ezeep" } };
  const current = [...new Set(user.groups.map((g) => g.group_id))];
  const observed = { email: intended.email ?? null, groups: current.map((id) => names.get(id) ?? id) };
  if (!wanted.every((id) => current.includes(id))) return { applied: false, observed };
  if (change.targetId)
    await db.invitation.updateMany({
      where: { id: change.targetId, groupsAppliedAt: null },
      data: { groupsAppliedAt: new Date() },
    });
  return { applied: true, result: user, observed };
}

registerReconciler(["invitation.resend", "invitation.bulk_resend"], reconcileResend);
registerReconciler(
  ["invitation.withdraw", "ndd.invitation_withdraw", "ndd.invitation_replace"],
  reconcileWithdraw,
);
registerReconciler("invitation.apply_role", reconcileRole);
registerReconciler("invitation.apply_groups", reconcileGroups);
