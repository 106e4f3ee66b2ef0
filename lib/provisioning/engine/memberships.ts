// Membership writes of the provisioning engine. ezeep's PATCH of a user's groups REPLACES the
// whole list (docs/ezeep.md, users: printing view), so every write is read-modify-write under the
// per-user lock (lib/locks.ts key `user:<org>:<user>`, shared with lib/memberships) with the read
// taken inside the lock.
//
// Bulk: the caller locks many users at once (batch-lock.ts), then ONE listing of every member's
// groups replaces a GET per user (the listing is paged with the largest page size), and the writes
// go out in batches of MEMBERSHIP_BATCH with one audit entry per batch listing every user's groups
// before and after.
import type { AuditActionName } from "@/lib/audit/actions-catalog";

import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { chunk, mapPool } from "@/lib/concurrency";
import { isUnknownOutcome } from "@/lib/ezeep";
import { userLockKey, withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";

import { LIST_PAGE_SIZE, membershipMap } from "./plan";
import type { Finish, Task, UserOutcome } from "./types";
import { messageOf } from "./util";

import "@/lib/provisioning/reconcile";

const MEMBERSHIP_BATCH = 50;

interface Change {
  task: Task;
  before: string[];
  next: string[];
  added: string[];
}

/** Every locked user's current groups: one listing when that is cheaper than a GET per user. */
async function currentGroups(
  ctx: OrgContext,
  tasks: Task[],
  orgUserCount: number,
  finish: Finish,
): Promise<Map<Task, string[]>> {
  const client = ezeepFor(ctx.organization);
  const out = new Map<Task, string[]>();
  const listingCalls = Math.ceil(orgUserCount / LIST_PAGE_SIZE) + 1;
  if (tasks.length > listingCalls) {
    const all = membershipMap(await client.printingUsers.all({ pageSize: LIST_PAGE_SIZE }));
    for (const t of tasks) out.set(t, [...(all.get(t.userId!) ?? [])]);
    return out;
  }
  await mapPool(tasks, tasks.length, async (t) => {
    try {
      out.set(
        t,
        (await client.printingUsers.get(t.userId!)).groups.map((g) => g.group_id),
      );
    } catch (err) {
      finish(t, "failed", messageOf(err));
    }
  });
  return out;
}

/** Adds memberships for users whose locks the caller holds; writes only missing groups. */
export async function addMembershipsLocked(
  ctx: OrgContext,
  tasks: Task[],
  orgUserCount: number,
  finish: Finish,
): Promise<void> {
  const current = await currentGroups(ctx, tasks, orgUserCount, finish);
  const changes: Change[] = [];
  for (const [task, groups] of current) {
    const added = task.groupIds.filter((id) => !groups.includes(id));
    if (added.length === 0) finish(task, "unchanged");
    else changes.push({ task, before: groups, next: [...groups, ...added], added });
  }
  await Promise.all(chunk(changes, MEMBERSHIP_BATCH).map((batch) => writeBatch(ctx, batch, finish)));
}

async function writeBatch(ctx: OrgContext, changes: Change[], finish: Finish): Promise<void> {
  const client = ezeepFor(ctx.organization);
  const single = changes.length === 1 ? changes[0]!.task : null;
  const outcomes = new Map<Task, string | null>();
  try {
    await audited(ctx, {
      action: "provisioning.membership",
      target: single
        ? { type: "user", id: single.userId, label: single.email }
        : { type: "users", label: `${changes.length} users` },
      before: { users: changes.map((c) => ({ id: c.task.userId, email: c.task.email, groups: c.before })) },
      intended: {
        users: changes.map((c) => ({
          id: c.task.userId,
          email: c.task.email,
          groups: c.next,
          added: c.added,
        })),
      },
      run: async () => {
        let lost: unknown = null;
        const results = await mapPool(changes, changes.length, async (c) => {
          try {
            const updated = await client.printingUsers.setGroups(c.task.userId!, c.next);
            outcomes.set(c.task, null);
            const groups = (updated.groups ?? []).map((g) => g.group_id);
            return { id: c.task.userId, email: c.task.email, groups, added: c.added };
          } catch (err) {
            // A lost answer is decided by reading the users back (lib/provisioning/reconcile.ts).
            if (isUnknownOutcome(err)) lost = err;
            else outcomes.set(c.task, messageOf(err));
            return { id: c.task.userId, email: c.task.email, error: messageOf(err) };
          }
        });
        if (lost) throw lost;
        const failed = results.filter((r) => "error" in r);
        if (failed.length === results.length) throw new Error(failed[0]!.error as string);
        return { result: undefined, after: { users: results, failed: failed.length } };
      },
    });
  } catch (err) {
    for (const c of changes) if (!outcomes.has(c.task)) outcomes.set(c.task, messageOf(err));
  }
  for (const c of changes) {
    const error = outcomes.get(c.task);
    if (error) finish(c.task, "failed", error);
    else finish(c.task, "added");
  }
}

/** One user, under the per-user lock (the fallback when a batch could not take its locks). */
export async function addMemberships(
  ctx: OrgContext,
  userId: string,
  email: string,
  groupIds: string[],
): Promise<UserOutcome> {
  const client = ezeepFor(ctx.organization);
  return withKeyLock(userLockKey(ctx.organization.id, userId), async () => {
    const before = ((await client.printingUsers.get(userId)).groups ?? []).map((g) => g.group_id);
    const missing = groupIds.filter((id) => !before.includes(id));
    if (missing.length === 0) return "unchanged";
    const next = [...before, ...missing];
    return audited(ctx, {
      action: "provisioning.membership",
      target: { type: "user", id: userId, label: email },
      before: { groups: before },
      intended: { groups: next, added: missing },
      run: async () => {
        const updated = await client.printingUsers.setGroups(userId, next);
        return {
          result: "added" as const,
          after: { groups: (updated.groups ?? []).map((g) => g.group_id), added: missing },
        };
      },
    });
  });
}

/**
 * Removes a user from groups (destructive syncs): re-read inside the per-user lock, write the list
 * without them, one audit entry for this person. Returns false when they were in none of them.
 */
export async function removeMemberships(
  ctx: OrgContext,
  input: { userId: string; email: string; groupIds: string[]; action: AuditActionName; reason: string },
): Promise<boolean> {
  const client = ezeepFor(ctx.organization);
  return withKeyLock(userLockKey(ctx.organization.id, input.userId), async () => {
    const before = ((await client.printingUsers.get(input.userId)).groups ?? []).map((g) => g.group_id);
    const next = before.filter((id) => !input.groupIds.includes(id));
    if (next.length === before.length) return false;
    return audited(ctx, {
      action: input.action,
      target: { type: "user", id: input.userId, label: input.email },
      before: { groups: before },
      intended: {
        groups: next,
        removed: input.groupIds.filter((id) => before.includes(id)),
        reason: input.reason,
      },
      run: async () => {
        const updated = await client.printingUsers.setGroups(input.userId, next);
        return {
          result: true,
          after: { groups: (updated.groups ?? []).map((g) => g.group_id), reason: input.reason },
        };
      },
    });
  });
}
