// Invitation side of the provisioning engine: a new person gets an ezeep invitation plus the
// portal's Invitation row recording the intended groups (applied when they accept, by
// lib/invitations' follow-up); a person with an open invitation gets groups added to that row.
// Serialized per email (`invite:<org>:<email>`) so two concurrent runs never invite twice: a pending
// row found inside the lock means "already invited".
import type { AuditActionName } from "@/lib/audit/actions-catalog";

import "server-only";

import { audited } from "@/lib/audit/service";
import { settleEarlierAttempts } from "@/lib/audit/unknown";
import type { OrgContext } from "@/lib/auth/context";
import { chunk, mapPool } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { isUnknownOutcome } from "@/lib/ezeep";
import { withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/provisioning/reconcile";

import type { Finish, Task, UserOutcome } from "./types";
import {
  ezeepDate,
  IN_LIST_MAX,
  INVITATION_VALID_DAYS,
  inviteLockKey,
  lowerEmail,
  messageOf,
  parseIds,
} from "./util";

const expiry = () => new Date(Date.now() + INVITATION_VALID_DAYS * 86_400_000);

type Sent = { task: Task; email: string; ezeepInvitationId: string };

/** New people in a batch whose `invite:` locks the caller holds: one audit entry for the batch. */
export async function inviteBatch(ctx: OrgContext, batch: Task[], finish: Finish): Promise<void> {
  const fresh = await withoutOpenInvitations(ctx, batch, finish);
  if (fresh.length === 0) return;
  const expiresAt = expiry();
  const single = fresh.length === 1 ? fresh[0]! : null;
  // Each task's error message, or null once it is invited; unset = not decided yet.
  const outcomes = new Map<Task, string | null>();
  try {
    await audited(ctx, {
      action: "provisioning.invite",
      target: single
        ? { type: "invitation", label: lowerEmail(single.email) }
        : { type: "invitations", label: `${fresh.length} invitations` },
      intended: {
        invitations: fresh.map((t) => ({ email: lowerEmail(t.email), intendedGroupIds: t.groupIds })),
      },
      run: () => sendInvitations(ctx, fresh, expiresAt, outcomes),
    });
  } catch (err) {
    // Read back after a lost answer, some may be tracked now although the batch was not all applied.
    const tracked = await trackedEmails(
      ctx,
      fresh.filter((t) => !outcomes.has(t)),
    );
    for (const t of fresh)
      if (!outcomes.has(t)) outcomes.set(t, tracked.has(lowerEmail(t.email)) ? null : messageOf(err));
  }
  for (const t of fresh) {
    const error = outcomes.get(t);
    if (error) finish(t, "failed", error);
    else finish(t, "invited");
  }
}

/** Finishes the people who already have a pending invitation (their groups are merged into it); returns the rest. */
async function withoutOpenInvitations(ctx: OrgContext, batch: Task[], finish: Finish): Promise<Task[]> {
  const pending = await db.invitation.findMany({
    where: {
      organizationId: ctx.organization.id,
      email: { in: batch.map((t) => lowerEmail(t.email)) },
      status: "pending",
    },
  });
  const byEmail = new Map(pending.map((p) => [p.email, p]));
  const fresh: Task[] = [];
  for (const t of batch) {
    const row = byEmail.get(lowerEmail(t.email));
    if (!row) fresh.push(t);
    else
      await mergeIntendedGroups(ctx, row, t.groupIds).then(
        (o) => finish(t, o),
        (e) => finish(t, "failed", messageOf(e)),
      );
  }
  return fresh;
}

/** Sends every invitation at once and records the sent ones; notes each refusal in `outcomes`. */
async function sendInvitations(
  ctx: OrgContext,
  fresh: Task[],
  expiresAt: Date,
  outcomes: Map<Task, string | null>,
) {
  const client = ezeepFor(ctx.organization);
  let lost: unknown = null;
  const results = await mapPool(fresh, fresh.length, async (t) => {
    const email = lowerEmail(t.email);
    try {
      const inv = await client.invitations.create({ email, expire_date: expiresAt });
      return { task: t, email, ezeepInvitationId: inv.id };
    } catch (err) {
      // A lost answer is decided by reading ezeep back (lib/provisioning/reconcile.ts).
      if (isUnknownOutcome(err)) lost = err;
      else outcomes.set(t, messageOf(err));
      return { task: t, email, error: messageOf(err) };
    }
  });
  const sent = results.filter((r): r is Sent => "ezeepInvitationId" in r);
  if (sent.length > 0) {
    await db.invitation.createMany({
      data: sent.map((r) => invitationRow(ctx, r.email, r.ezeepInvitationId, r.task.groupIds, expiresAt)),
    });
    for (const r of sent) outcomes.set(r.task, null);
  }
  if (lost) throw lost;
  if (sent.length === 0) throw new Error((results[0] as { error: string }).error);
  return {
    result: undefined,
    after: {
      invitations: results.map(({ task, ...r }) => ({ ...r, intendedGroupIds: task.groupIds })),
      failed: results.length - sent.length,
    },
  };
}

async function trackedEmails(ctx: OrgContext, tasks: Task[]): Promise<Set<string>> {
  if (tasks.length === 0) return new Set();
  const rows = await db.invitation.findMany({
    where: {
      organizationId: ctx.organization.id,
      status: "pending",
      email: { in: tasks.map((t) => lowerEmail(t.email)) },
    },
    select: { email: true },
  });
  return new Set(rows.map((r) => r.email));
}

function invitationRow(
  ctx: OrgContext,
  email: string,
  ezeepInvitationId: string | null,
  groupIds: string[],
  expiresAt: Date | null,
) {
  return {
    organizationId: ctx.organization.id,
    ezeepInvitationId,
    email,
    intendedGroupIds: JSON.stringify(groupIds),
    invitedById: ctx.actor.id,
    invitedByLabel: ctx.actor.label,
    expiresAt,
  };
}

/** One new person (the fallback when a batch could not take its locks). */
export async function inviteUser(ctx: OrgContext, email: string, groupIds: string[]): Promise<UserOutcome> {
  const key = lowerEmail(email);
  return withKeyLock(inviteLockKey(ctx.organization.id, key), async () => {
    // An earlier attempt whose answer was lost may have invited them: track that one, send none.
    await settleEarlierAttempts(ctx.organization, "provisioning.invite", key);
    const pending = await db.invitation.findFirst({
      where: { organizationId: ctx.organization.id, email: key, status: "pending" },
    });
    if (pending) return mergeIntendedGroups(ctx, pending, groupIds);
    const expiresAt = expiry();
    return audited(ctx, {
      action: "provisioning.invite",
      target: { type: "invitation", label: key },
      intended: { email: key, intendedGroupIds: groupIds },
      run: async () => {
        const inv = await ezeepFor(ctx.organization).invitations.create({
          email: key,
          expire_date: expiresAt,
        });
        const row = await db.invitation.create({
          data: invitationRow(ctx, key, inv.id, groupIds, expiresAt),
        });
        return {
          result: "invited" as const,
          after: { email: key, ezeepInvitationId: inv.id, intendedGroupIds: groupIds },
          target: { type: "invitation", id: row.id, label: key },
        };
      },
    });
  });
}

export async function mergeIntendedGroups(
  ctx: OrgContext,
  row: { id: string; intendedGroupIds: string; email: string },
  groupIds: string[],
): Promise<UserOutcome> {
  const before = parseIds(row.intendedGroupIds);
  const missing = groupIds.filter((id) => !before.includes(id));
  if (missing.length === 0) return "unchanged";
  const next = [...before, ...missing];
  return audited(ctx, {
    action: "provisioning.invitation_groups",
    target: { type: "invitation", id: row.id, label: row.email },
    before: { intendedGroupIds: before },
    intended: { intendedGroupIds: next },
    run: async () => {
      await db.invitation.update({ where: { id: row.id }, data: { intendedGroupIds: JSON.stringify(next) } });
      return { result: "invitation_updated" as const };
    },
  });
}

/**
 * People with an open invitation whose pending Invitation row already carries every group: they
 * are finished as "unchanged" from one read per IN_LIST_MAX addresses, with no lock and no write
 * (a repeated request must not lease a lock per invitee). Returns the tasks that still need
 * `addIntendedGroups` under their lock.
 */
export async function settleKnownInvitations(
  ctx: OrgContext,
  tasks: Task[],
  finish: Finish,
): Promise<Task[]> {
  const rows = await Promise.all(
    chunk(tasks, IN_LIST_MAX).map((part) =>
      db.invitation.findMany({
        where: {
          organizationId: ctx.organization.id,
          email: { in: part.map((t) => lowerEmail(t.email)) },
          status: "pending",
        },
        select: { email: true, intendedGroupIds: true },
      }),
    ),
  );
  const intended = new Map(rows.flat().map((r) => [r.email, new Set(parseIds(r.intendedGroupIds))]));
  return tasks.filter((t) => {
    const have = intended.get(lowerEmail(t.email));
    if (!have || !t.groupIds.every((id) => have.has(id))) return true;
    finish(t, "unchanged");
    return false;
  });
}

/** Someone with an open ezeep invitation: record the groups on the portal's Invitation row. */
export async function addIntendedGroups(
  ctx: OrgContext,
  email: string,
  userId: string | null,
  groupIds: string[],
): Promise<UserOutcome> {
  const key = lowerEmail(email);
  return withKeyLock(inviteLockKey(ctx.organization.id, key), async () => {
    const pending = await db.invitation.findFirst({
      where: { organizationId: ctx.organization.id, email: key, status: "pending" },
    });
    if (pending) return mergeIntendedGroups(ctx, pending, groupIds);
    // Invited outside the portal: adopt the open ezeep invitation.
    const account = userId ? await ezeepFor(ctx.organization).users.get(userId) : null;
    const open = account?.user_invitations?.find(
      (i) => (i.invitation_status ?? "OPEN").toUpperCase() === "OPEN",
    );
    return audited(ctx, {
      action: "provisioning.invitation_groups",
      target: { type: "invitation", label: key },
      intended: { email: key, intendedGroupIds: groupIds, ezeepInvitationId: open?.id ?? null },
      run: async () => {
        const row = await db.invitation.create({
          data: {
            ...invitationRow(ctx, key, open?.id ?? null, groupIds, ezeepDate(open?.expire_date)),
            ezeepUserId: userId,
          },
        });
        return {
          result: "invitation_updated" as const,
          target: { type: "invitation", id: row.id, label: key },
        };
      },
    });
  });
}

/** Takes groups off a pending invitation's intended list (a destructive sync of an invitee). */
export async function removeIntendedGroups(
  ctx: OrgContext,
  input: { email: string; groupIds: string[]; action: AuditActionName; reason: string },
): Promise<boolean> {
  const key = lowerEmail(input.email);
  return withKeyLock(inviteLockKey(ctx.organization.id, key), async () => {
    const row = await db.invitation.findFirst({
      where: { organizationId: ctx.organization.id, email: key, status: "pending" },
    });
    if (!row) return false;
    const before = parseIds(row.intendedGroupIds);
    const next = before.filter((id) => !input.groupIds.includes(id));
    if (next.length === before.length) return false;
    return audited(ctx, {
      action: input.action,
      target: { type: "invitation", id: row.id, label: key },
      before: { intendedGroupIds: before },
      intended: { intendedGroupIds: next, reason: input.reason },
      run: async () => {
        await db.invitation.update({
          where: { id: row.id },
          data: { intendedGroupIds: JSON.stringify(next) },
        });
        return { result: true };
      },
    });
  });
}

/**
 * Withdraws a pending invitation: ezeep documents no way to cancel an invitation, but deleting the
 * still-unverified account user it created removes it (the invitations feature then shows it as
 * withdrawn). Refuses to touch a verified user. Returns the intended groups it carried.
 */
export async function withdrawInvitation(
  ctx: OrgContext,
  input: {
    email: string;
    /** undefined = find it by address; null = known to have no account user */
    ezeepUserId: string | null | undefined;
    action: AuditActionName;
    reason: string;
  },
): Promise<{ withdrawn: boolean; intendedGroupIds: string[] }> {
  const key = lowerEmail(input.email);
  return withKeyLock(inviteLockKey(ctx.organization.id, key), async () => {
    const client = ezeepFor(ctx.organization);
    const row = await db.invitation.findFirst({
      where: { organizationId: ctx.organization.id, email: key, status: "pending" },
    });
    const userId = input.ezeepUserId === undefined ? (row?.ezeepUserId ?? undefined) : input.ezeepUserId;
    let account = userId ? await client.users.get(userId).catch(() => null) : null;
    // Without a known id (invited moments ago), find the unverified account user by address.
    if (userId === undefined)
      account = (await client.users.all({ perPage: 100 })).find((u) => lowerEmail(u.email) === key) ?? null;
    if (account?.is_verified) return { withdrawn: false, intendedGroupIds: [] };
    const intendedGroupIds = row ? parseIds(row.intendedGroupIds) : [];
    if (!row && !account) return { withdrawn: false, intendedGroupIds };
    return audited(ctx, {
      action: input.action,
      target: { type: "invitation", id: row?.id ?? null, label: key },
      before: { email: key, status: "pending", ezeepUserId: account?.id ?? null, intendedGroupIds },
      intended: { status: "cancelled", reason: input.reason },
      run: async () => {
        if (account) await client.users.delete(account.id);
        if (row) await db.invitation.update({ where: { id: row.id }, data: { status: "cancelled" } });
        return { result: { withdrawn: true, intendedGroupIds } };
      },
    });
  });
}
