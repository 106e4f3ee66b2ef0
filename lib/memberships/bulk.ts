// Bulk membership changes (the users list's "add to group" / "remove from group" on a selection):
// the whole selection in one call, each user still a locked read-modify-write of their group list
// with their own audit entry (see lib/memberships/service.ts for why), but done as a batch:
//   1. ONE lease statement locks every selected user (tryLockMany); when someone else holds any of
//      them, every user takes the per-user lock instead (changeUserGroups, as for a single change);
//   2. every user's groups are re-read inside the lease, at the allowed ezeep concurrency;
//   3. one chained transaction writes every user's pending entry (and the failed reads' entries),
//      the PATCHes run at the allowed concurrency, one chained transaction completes the entries
//      (lib/audit/batch.ts); a lost answer is read back and settled as for a single change;
//   4. the shared users directory takes every new group list in one write.
// Steps 2–4 run per part of the selection (a few parts side by side), so that the database work
// of one part overlaps the ezeep calls of the others.
import "server-only";

import { auditedBatch, type BatchChange } from "@/lib/audit/batch";
import type { AuditRecord } from "@/lib/audit/service";
import { toActionError } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { mapPool } from "@/lib/concurrency";
import { NotFoundError } from "@/lib/errors";
import { EzeepError, withThrottleReport } from "@/lib/ezeep";
import { userLockKey } from "@/lib/locks";
import { changeUserGroups, explain, snapshot, type MembershipChange } from "@/lib/memberships/service";
import { ezeepFor, ezeepMaxConcurrency } from "@/lib/organizations/service";
import { tryLockMany } from "@/lib/provisioning/batch-lock";
import {
  applyGroupChanges,
  getDirectory,
  groupRef,
  rememberGroup,
  type GroupRef,
} from "@/lib/users/directory";
import { groupsById } from "@/lib/users/service";

/** A selection is done in up to PARTS parts of at least PART_MIN users, side by side. */
const PARTS = 8;
const PART_MIN = 25;

export interface BulkResult {
  userId: string;
  label: string;
  ok: boolean;
  /** true: changed now; false: nothing to change (only when ok). */
  changed: boolean;
  error: string | null;
}

interface Selected {
  userId: string;
  label: string;
}

interface GroupChange {
  add: string[];
  remove: string[];
}

/** The group of a bulk change, every group's name, and the directory for the users' labels. */
export async function loadBulkGroup(ctx: OrgContext, groupId: string) {
  const [found, groups, dir] = await Promise.all([
    ezeepFor(ctx.organization)
      .groups.get(groupId)
      .catch((err: unknown) => {
        if (err instanceof EzeepError && err.status === 404) throw new NotFoundError("This group");
        throw err;
      }),
    groupsById(ctx),
    getDirectory(ctx).catch(() => null),
  ]);
  const group = groupRef(found);
  groups.set(group.id, group);
  await rememberGroup(ctx.organization.id, group);
  return { group, groups, dir };
}

async function failed(ctx: OrgContext, user: Selected, err: unknown): Promise<BulkResult> {
  const error = toActionError(await explain(err, user.label), ctx.actor.requestId).error;
  return { userId: user.userId, label: user.label, ok: false, changed: false, error };
}

/** Today's path, user by user under withKeyLock: when the batch lease could not be taken. */
function oneByOne(ctx: OrgContext, users: Selected[], change: GroupChange, groups: Map<string, GroupRef>) {
  return mapPool(users, ezeepMaxConcurrency() * 2, async (user): Promise<BulkResult> => {
    try {
      const r = await changeUserGroups(ctx, user.userId, change, "membership.update", {
        label: user.label,
        groups,
      });
      return { userId: user.userId, label: user.label, ok: true, changed: r.changed, error: null };
    } catch (err) {
      return failed(ctx, user, err);
    }
  });
}

type Read = { ok: true; ids: string[] } | { ok: false; err: unknown };

/** Every user's current groups, re-read inside the lease; names of groups not known yet read once. */
async function readAll(ctx: OrgContext, users: Selected[], groups: Map<string, GroupRef>): Promise<Read[]> {
  const client = ezeepFor(ctx.organization);
  const reads = await mapPool(users, ezeepMaxConcurrency(), async (user): Promise<Read> => {
    try {
      const current = await client.printingUsers.get(user.userId);
      return { ok: true, ids: [...new Set(current.groups.map((g) => g.group_id))] };
    } catch (err) {
      return { ok: false, err };
    }
  });
  const unnamed = reads.some((r) => r.ok && r.ids.some((id) => !groups.has(id)));
  if (unnamed) for (const [id, g] of await groupsById(ctx).catch(() => new Map())) groups.set(id, g);
  return reads;
}

function nextIds(before: string[], change: GroupChange): string[] {
  const remove = new Set(change.remove);
  return [
    ...before.filter((id) => !remove.has(id)),
    ...change.add.filter((id) => !before.includes(id) && !remove.has(id)),
  ];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** A user that could not be read: its failed entry, as changeUserGroups records it. */
async function readFailure(
  ctx: OrgContext,
  user: Selected,
  change: GroupChange,
  err: unknown,
): Promise<AuditRecord> {
  const explained = await explain(err, user.label);
  return {
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: "membership.update",
    target: { type: "user", id: user.userId, label: user.label },
    after: change,
    outcome: "failure",
    ezeepStatus: err instanceof EzeepError ? err.status : null,
    error: explained instanceof Error ? explained.message : String(explained),
  };
}

/** Steps 2–4 of the top comment for one part of the selection, whose locks the caller holds. */
async function underLease(
  ctx: OrgContext,
  users: Selected[],
  change: GroupChange,
  groups: Map<string, GroupRef>,
): Promise<BulkResult[]> {
  const client = ezeepFor(ctx.organization);
  const reads = await readAll(ctx, users, groups);
  const refs = (ids: readonly string[]) =>
    ids.map((id) => groups.get(id) ?? { id, name: "Unknown group", azure: false });
  const results: BulkResult[] = new Array<BulkResult>(users.length);
  const failures: AuditRecord[] = [];
  const toWrite: { index: number; change: BatchChange<MembershipChange> }[] = [];
  const directory: { userId: string; groupIds: string[] }[] = [];
  for (const [index, user] of users.entries()) {
    const read = reads[index]!;
    const { userId, label } = user;
    if (!read.ok) {
      failures.push(await readFailure(ctx, user, change, read.err));
      results[index] = await failed(ctx, user, read.err);
      continue;
    }
    const next = nextIds(read.ids, change);
    if (sameSet(read.ids, next)) {
      directory.push({ userId, groupIds: read.ids });
      results[index] = { userId, label, ok: true, changed: false, error: null };
      continue;
    }
    toWrite.push({
      index,
      change: {
        target: { type: "user", id: userId, label },
        before: snapshot(refs(read.ids)),
        intended: snapshot(refs(next)),
        run: async () => {
          const updated = await client.printingUsers.setGroups(userId, next);
          const after = refs([...new Set(updated.groups.map((g) => g.group_id))]);
          return { result: { userId, changed: true, groups: after }, after: snapshot(after) };
        },
      },
    });
  }
  const written = await auditedBatch(
    ctx,
    "membership.update",
    toWrite.map((w) => w.change),
    { concurrency: ezeepMaxConcurrency(), alsoRecord: failures },
  ).catch((error: unknown) => toWrite.map(() => ({ ok: false as const, error }))); // nothing was sent
  for (const [i, r] of written.entries()) {
    const { index } = toWrite[i]!;
    const { userId, label } = users[index]!;
    if (!r.ok) results[index] = await failed(ctx, users[index]!, r.error);
    else {
      directory.push({ userId, groupIds: r.value.groups.map((g) => g.id) });
      results[index] = { userId, label, ok: true, changed: r.value.changed, error: null };
    }
  }
  await applyGroupChanges(ctx.organization.id, directory);
  return results;
}

/**
 * Applies one group change to every selected user (see the top of this file). One user's failure
 * does not stop the others; the results keep the selection's order.
 */
export async function changeGroupsOfMany(
  ctx: OrgContext,
  users: Selected[],
  change: GroupChange,
  groups: Map<string, GroupRef>,
): Promise<BulkResult[]> {
  const lock = await tryLockMany(users.map((u) => userLockKey(ctx.organization.id, u.userId)));
  if (!lock) return oneByOne(ctx, users, change, groups);
  try {
    // Parts run side by side: one part's database work overlaps the others' ezeep calls, and the
    // lane (lib/ezeep/lanes.ts) keeps the requests of all of them within the allowed concurrency.
    const size = Math.max(PART_MIN, Math.ceil(users.length / PARTS));
    const parts: Selected[][] = [];
    for (let i = 0; i < users.length; i += size) parts.push(users.slice(i, i + size));
    return (await Promise.all(parts.map((part) => underLease(ctx, part, change, groups)))).flat();
  } finally {
    await lock.release();
  }
}

/**
 * Adds the whole selection to one group in one call. `throttledMs`: how long ezeep made the
 * requests wait (429 Retry-After), for the result message.
 */
export async function bulkAddToGroup(
  ctx: OrgContext,
  input: { groupId: string; userIds: string[] },
): Promise<{ group: GroupRef; results: BulkResult[]; throttledMs: number }> {
  const { result, throttledMs } = await withThrottleReport(async () => {
    const { group, groups, dir } = await loadBulkGroup(ctx, input.groupId);
    const users = [...new Set(input.userIds)].map((userId) => ({
      userId,
      label: dir?.byId.get(userId)?.email ?? userId,
    }));
    const results = await changeGroupsOfMany(ctx, users, { add: [group.id], remove: [] }, groups);
    return { group, results };
  });
  return { ...result, throttledMs };
}
