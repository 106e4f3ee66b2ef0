// The destructive side of the syncs, audited entry by entry, behind the mass-removal guard: a
// broken export from NDD (an empty or truncated list) must not empty an organization.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import {
  messageOf,
  removeIntendedGroups,
  removeMemberships,
  withdrawInvitation,
} from "@/lib/provisioning/engine";
import { mapPool } from "@/lib/provisioning/pool";

import { exceedsGuard, massRemovalPercent } from "./settings";
import type { NddUserError } from "./validate";

export interface IdentityRemoval {
  id: string;
  ref: string;
  email: string | null;
  state: string;
  ezeepUserId: string | null;
  invitedByNdd: boolean;
}

/** The refusal message when `removed` of this Client's identities exceed the guard, else null. */
export async function removalGuard(orgId: string, clientKey: string, removed: number, allowed: boolean) {
  if (allowed || removed === 0) return null;
  const total = await db.nddIdentity.count({ where: { organizationId: orgId, clientKey } });
  const percent = await massRemovalPercent(orgId);
  if (!exceedsGuard(removed, total, percent)) return null;
  return guardMessage(`${removed} of ${total} users`, removed / total, percent);
}

export function guardMessage(what: string, share: number, percent: number): string {
  return (
    `The sync would remove ${what} (${Math.round(share * 100)}%), more than the ${percent}% allowed. ` +
    `Nothing was changed. Check the export, or send "AllowMassRemoval": true to remove them anyway.`
  );
}

/** Forgets identities (one audit entry each); withdraws invitations the portal sent for NDD and nobody accepted. */
export async function removeIdentities(
  ctx: OrgContext,
  removals: IdentityRemoval[],
  action: string,
): Promise<{ done: number; failed: NddUserError[] }> {
  const failed: NddUserError[] = [];
  let done = 0;
  await mapPool(removals, 8, async (r) => {
    try {
      if (r.invitedByNdd && r.state === "invited" && r.email) {
        await withdrawInvitation(ctx, {
          email: r.email,
          ezeepUserId: r.ezeepUserId ?? undefined,
          action: "ndd.invitation_withdraw",
          reason: `${r.ref} is no longer in NDD's user list`,
        });
      }
      await audited(ctx, {
        action: "ndd.identity_remove",
        target: { type: "ndd_identity", id: r.id, label: r.ref },
        before: { user: r.ref, email: r.email, state: r.state, ezeepUserId: r.ezeepUserId },
        intended: { removed: true, reason: `missing from the list sent to ${action}` },
        run: async () => {
          await db.nddIdentity.deleteMany({ where: { id: r.id, organizationId: ctx.organization.id } });
          return { result: undefined };
        },
      });
      done++;
    } catch (err) {
      failed.push({ user: r.ref, errorMessage: `Could not be removed: ${messageOf(err)}` });
    }
  });
  return { done, failed };
}

export interface MemberRemoval {
  groupingId: string;
  ezeepGroupId: string;
  groupName: string;
  identityId: string;
  ref: string;
  email: string | null;
  state: string;
  ezeepUserId: string | null;
}

/** Takes a person out of a grouping: their ezeep group membership (or invitation's intended group) and the link. */
export async function removeMember(ctx: OrgContext, m: MemberRemoval): Promise<void> {
  const reason = `${m.ref} is no longer listed in grouping "${m.groupName}"`;
  if (m.state === "active" && m.ezeepUserId) {
    await removeMemberships(ctx, {
      userId: m.ezeepUserId,
      email: m.email ?? m.ref,
      groupIds: [m.ezeepGroupId],
      action: "ndd.member_remove",
      reason,
    });
  } else if (m.state === "invited" && m.email) {
    await removeIntendedGroups(ctx, {
      email: m.email,
      groupIds: [m.ezeepGroupId],
      action: "ndd.member_remove",
      reason,
    });
  }
  await audited(ctx, {
    action: "ndd.grouping_unlink",
    target: { type: "ndd_identity", id: m.identityId, label: m.ref },
    before: { grouping: m.groupName, user: m.ref },
    intended: { grouping: m.groupName, removed: true, reason },
    run: async () => {
      await db.nddGroupingMember.deleteMany({
        where: { groupingId: m.groupingId, identityId: m.identityId },
      });
      return { result: undefined };
    },
  });
}
