// After a lost answer (docs/ezeep.md, unknown outcomes): reads back what the provisioning engine
// (CSV import, NDD) wrote — invitations by e-mail, users' groups — and says whether it landed.
// A batch entry (one entry for many people) counts as applied only when every person in it shows
// the change; the observed state names who does and who does not, so a partly applied batch is on
// record as such. An invitation ezeep did create is tracked with its intended groups.
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
import { mapPool } from "@/lib/concurrency";
import { db } from "@/lib/db";
import type { Invitation as EzeepInvitation } from "@/lib/ezeep";
import { parseEzeepDate } from "@/lib/invitations/ezeep-data";
import { trackInvitation } from "@/lib/invitations/invite";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/invitations/reconcile-changes";
import "@/lib/users/reconcile";

interface IntendedInvite {
  email: string;
  groupIds: string[];
}

function intendedInvites(change: UnknownChange): IntendedInvite[] {
  const intended = objectOf(change.intended) ?? {};
  const list = Array.isArray(intended.invitations) ? intended.invitations : [intended];
  return list.flatMap((item) => {
    const o = objectOf(item);
    return typeof o?.email === "string"
      ? [{ email: o.email.toLowerCase(), groupIds: stringList(o.intendedGroupIds) }]
      : [];
  });
}

/** Open invitations for these addresses made no earlier than the attempt (one pass over the list). */
async function openInvitationsSince(ctx: OrgContext, emails: Set<string>, since: Date) {
  const found = new Map<string, EzeepInvitation>();
  if (emails.size === 0) return found;
  for await (const inv of ezeepFor(ctx.organization).invitations.iterate()) {
    const email = inv.email.toLowerCase();
    if (!emails.has(email) || inv.invitation_status?.toUpperCase() !== "OPEN") continue;
    const updated = parseEzeepDate(inv.updated);
    if (updated && updated.getTime() < since.getTime() - RECONCILE_CLOCK_SKEW_MS) continue;
    found.set(email, inv);
  }
  return found;
}

/** provisioning.invite: every intended address has a tracked or newly found open invitation. */
async function reconcileInvite(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const wanted = intendedInvites(change);
  const tracked = await db.invitation.findMany({
    where: {
      organizationId: ctx.organization.id,
      status: "pending",
      email: { in: wanted.map((w) => w.email) },
    },
    select: { id: true, email: true },
  });
  const rowIds = new Map(tracked.map((t) => [t.email, t.id]));
  const untracked = new Set(wanted.map((w) => w.email).filter((e) => !rowIds.has(e)));
  const found = await openInvitationsSince(ctx, untracked, change.at);
  for (const w of wanted) {
    const inv = found.get(w.email);
    if (!inv) continue;
    const by = change.actor;
    const row = await trackInvitation(ctx, inv, { ...w, role: "user", sentAt: change.at, by });
    rowIds.set(w.email, row.id);
  }
  const invited = wanted.filter((w) => rowIds.has(w.email)).map((w) => w.email);
  const missing = wanted.filter((w) => !rowIds.has(w.email)).map((w) => w.email);
  const observed = { invited, notInvited: missing };
  if (missing.length > 0 || wanted.length === 0) return { applied: false, observed };
  if (wanted.length > 1) return { applied: true, result: undefined, observed };
  const id = rowIds.get(wanted[0].email)!;
  return { applied: true, result: "invited", observed, targetId: id, targetLabel: wanted[0].email };
}

interface IntendedMembership {
  id: string;
  email: string | null;
  added: string[];
  removed: string[];
}

function intendedMemberships(change: UnknownChange): IntendedMembership[] {
  const intended = objectOf(change.intended) ?? {};
  const list = Array.isArray(intended.users)
    ? intended.users
    : [{ ...intended, id: change.targetId, email: change.targetLabel }];
  return list.flatMap((item) => {
    const o = objectOf(item);
    if (typeof o?.id !== "string") return [];
    const email = typeof o.email === "string" ? o.email : null;
    return [{ id: o.id, email, added: stringList(o.added), removed: stringList(o.removed) }];
  });
}

/**
 * provisioning.membership (added groups) and ndd.member_remove (removed groups): each user's
 * groups read back; applied when every added group is there and every removed one gone.
 */
async function reconcileMemberships(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const client = ezeepFor(ctx.organization);
  const users = intendedMemberships(change);
  const seen = await mapPool(users, 8, async (u) => {
    const groups = [...new Set((await client.printingUsers.get(u.id)).groups.map((g) => g.group_id))];
    const done = u.added.every((id) => groups.includes(id)) && u.removed.every((id) => !groups.includes(id));
    return { id: u.id, email: u.email, groups, done };
  });
  const applied = users.length > 0 && seen.every((s) => s.done);
  const observed =
    seen.length === 1
      ? { groups: seen[0].groups }
      : { users: seen.map(({ id, email, groups, done }) => ({ id, email, groups, applied: done })) };
  if (!applied) return { applied: false, observed };
  return { applied: true, result: singleResult(change, users), observed };
}

/** What the one-person call returns (removeMemberships: true, addMemberships: "added"); batches none. */
function singleResult(change: UnknownChange, users: IntendedMembership[]): unknown {
  if (users.length !== 1 || Array.isArray(objectOf(change.intended)?.users)) return undefined;
  return users[0].removed.length > 0 ? true : "added";
}

registerReconciler("provisioning.invite", reconcileInvite);
registerReconciler(["provisioning.membership", "ndd.member_remove"], reconcileMemberships);
