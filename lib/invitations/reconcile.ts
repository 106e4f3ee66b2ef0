// After a lost answer (docs/ezeep.md, unknown outcomes): finds an invitation ezeep may have
// created by its e-mail address and, when it is there, tracks it with the intended role and
// groups the entry recorded — so an invitation ezeep answered 504 for is not missing or orphaned.
import "server-only";

import {
  objectOf,
  RECONCILE_CLOCK_SKEW_MS,
  registerReconciler,
  stringList,
  type UnknownChange,
} from "@/lib/audit/reconcilers";
import type { OrgContext } from "@/lib/auth/context";
import type { Invitation as EzeepInvitation } from "@/lib/ezeep";
import { parseEzeepDate } from "@/lib/invitations/ezeep-data";
import { trackInvitation } from "@/lib/invitations/invite";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/invitations/reconcile-changes";

/** An OPEN invitation for this address, updated no earlier than the attempt. */
async function invitationMadeSince(
  ctx: OrgContext,
  email: string,
  since: Date,
): Promise<EzeepInvitation | null> {
  let found: EzeepInvitation | null = null;
  for await (const inv of ezeepFor(ctx.organization).invitations.iterate()) {
    if (inv.email.toLowerCase() !== email || inv.invitation_status?.toUpperCase() !== "OPEN") continue;
    const updated = parseEzeepDate(inv.updated);
    if (updated && updated.getTime() < since.getTime() - RECONCILE_CLOCK_SKEW_MS) continue;
    found = inv;
  }
  return found;
}

async function reconcileInvite(ctx: OrgContext, change: UnknownChange) {
  const intended = objectOf(change.intended) ?? {};
  const email = String(intended.email ?? change.targetLabel ?? "").toLowerCase();
  const created = await invitationMadeSince(ctx, email, change.at);
  if (!created)
    return { applied: false as const, observed: { email, found: "no open invitation for this address" } };
  const role = intended.role === "admin" ? "admin" : "user";
  const groupIds = stringList(intended.groupIds);
  const row = await trackInvitation(ctx, created, {
    email,
    role,
    groupIds,
    sentAt: change.at,
    by: change.actor,
  });
  const observed = {
    email,
    role,
    groups: intended.groups ?? [],
    status: row.status,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    ezeepInvitationId: created.id,
  };
  return { applied: true as const, result: row, observed, targetId: row.id, targetLabel: email };
}

registerReconciler("invitation.create", reconcileInvite);
