// Applying an invitation's intent to the invited ezeep user: the admin role (right after sending,
// retried by the follow-up) and the intended groups (once accepted). Both are read-modify-writes
// of the user under the one user lock shared with lib/memberships.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { Actor, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { parseIds, type Row } from "@/lib/invitations/views";
import { userLockKey, withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/invitations/reconcile-changes";

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "Invitation follow-up" };

export async function applyRole(ctx: OrgContext, row: Row, userId: string, now: Date): Promise<boolean> {
  const ezeep = ezeepFor(ctx.organization);
  return withKeyLock(userLockKey(ctx.organization.id, userId), async () => {
    const user = await ezeep.users.get(userId);
    if (!user.roles.includes("admin")) {
      const roles = [...user.roles.filter((r) => r !== "user"), "admin"];
      await audited(ctx, {
        action: "invitation.apply_role",
        target: { type: "invitation", id: row.id, label: row.email },
        before: { email: user.email, roles: user.roles },
        // The user's id lets a lost answer be read back (lib/invitations/reconcile.ts).
        intended: { email: user.email, roles, userId },
        run: async () => {
          const updated = await ezeep.users.update(userId, { roles });
          return { result: updated, after: { email: updated.email, roles: updated.roles } };
        },
      });
    }
    await db.invitation.updateMany({
      where: { id: row.id, roleAppliedAt: null },
      data: { roleAppliedAt: now },
    });
    return true;
  });
}

/**
 * Adds the accepted invitee to the intended groups. Membership is a REPLACE of the whole list
 * (§3.4), so the current groups are re-read inside the per-user lock and the union is written.
 * Groups deleted since the invitation are skipped (and named in the audit entry).
 */
export async function applyGroups(
  ctx: OrgContext,
  row: Row,
  userId: string,
  existing: Map<string, string>,
  now: Date,
): Promise<void> {
  const intended = parseIds(row.intendedGroupIds);
  const ezeep = ezeepFor(ctx.organization);
  const valid = intended.filter((id) => existing.has(id));
  const missing = intended.filter((id) => !existing.has(id));
  const label = (ids: string[]) => ids.map((id) => existing.get(id) ?? id);
  if (valid.length > 0) {
    await withKeyLock(userLockKey(ctx.organization.id, userId), async () => {
      const current = (await ezeep.printingUsers.get(userId)).groups.map((g) => g.group_id);
      const union = [...new Set([...current, ...valid])];
      if (union.length === current.length) return; // already in every group
      await audited(ctx, {
        action: "invitation.apply_groups",
        target: { type: "invitation", id: row.id, label: row.email },
        before: { email: row.email, groups: label(current) },
        intended: { email: row.email, groups: label(union), groupIds: union, userId },
        run: async () => {
          const updated = await ezeep.printingUsers.setGroups(userId, union);
          const ids = updated.groups.map((g) => g.group_id);
          return {
            result: updated,
            after: {
              email: row.email,
              groups: label(ids),
              ...(missing.length ? { skippedDeletedGroups: missing } : {}),
            },
          };
        },
      });
    });
  }
  await db.invitation.updateMany({
    where: { id: row.id, groupsAppliedAt: null },
    data: { groupsAppliedAt: now },
  });
}
