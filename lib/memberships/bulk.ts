// Bulk membership changes (the users list's "add to group" / "remove from group" on a selection):
// the whole selection in one call, each user still a locked read-modify-write of their group list
// with their own audit entry (see lib/memberships/service.ts for why), but done as a batch:
//   1. ONE lease statement locks every selected user (tryLockMany); when someone else holds any of
//      them, every user takes the per-user lock instead (changeUserGroups, as for a single change);
//   2. each user's groups are re-read inside the lease, and a user whose list changes gets a
//      pending entry, the PUT and its completion at once (lib/audit/batch.ts: the entries of the
//      users that get there side by side share one chained transaction); a lost answer is read
//      back and settled as for a single change. Four times the allowed ezeep concurrency of users
//      are under way, so reads and writes keep the lane full and no user waits for the whole selection;
//   3. the shared users directory takes the new group lists a group at a time as users finish.
import "server-only";

import { openAuditedBatch, type AuditedBatch } from "@/lib/audit/batch";
import type { AuditRecord } from "@/lib/audit/service";
import { toActionError } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { mapPool } from "@/lib/concurrency";
import { NotFoundError } from "@/lib/errors";
import { EzeepError, withThrottleReport } from "@/lib/ezeep";
import { userLockKey } from "@/lib/locks";
import { changeUserGroups, explain, nextGroupIds, sameSet, snapshot } from "@/lib/memberships/service";
import { moduleLogger } from "@/lib/observability/logger";
import { ezeepFor, ezeepMaxConcurrency } from "@/lib/organizations/service";
import { tryLockMany, type BatchLock } from "@/lib/provisioning/batch-lock";
import {
  applyGroupChanges,
  getDirectory,
  groupRef,
  rememberGroup,
  type GroupRef,
} from "@/lib/users/directory";
import { groupsById } from "@/lib/users/service";

const logger = moduleLogger("memberships");

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

/**
 * The group of a bulk change, the names known so far (that group's), every group's name (still
 * being read: only the users whose lists name another group wait for it) and the directory for
 * the users' labels.
 */
export async function loadBulkGroup(ctx: OrgContext, groupId: string) {
  const allGroups = groupsById(ctx);
  allGroups.catch(() => undefined); // unnamed groups are shown as "Unknown group"
  const [found, dir] = await Promise.all([
    ezeepFor(ctx.organization)
      .groups.get(groupId)
      .catch((err: unknown) => {
        if (err instanceof EzeepError && err.status === 404) throw new NotFoundError("This group");
        throw err;
      }),
    getDirectory(ctx).catch(() => null),
  ]);
  const group = groupRef(found);
  const groups = new Map([[group.id, group]]);
  await rememberGroup(ctx.organization.id, group);
  return { group, groups, allGroups, dir };
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

/** Names of groups the batch did not know yet: every group is read once (or was read early). */
function groupNamer(ctx: OrgContext, groups: Map<string, GroupRef>, early?: Promise<Map<string, GroupRef>>) {
  let all: Promise<void> | null = null;
  const readAll = () =>
    (all ??= (early ?? groupsById(ctx))
      .then((found) => found.forEach((g, id) => groups.set(id, g)))
      .catch(() => undefined)); // unnamed groups are shown as "Unknown group"
  return {
    readAll,
    /** Resolves once every id in `ids` has its name (if ezeep has the group). */
    async name(ids: readonly string[]) {
      if (!ids.every((id) => groups.has(id))) await readAll();
    },
  };
}

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

type Changed = { userId: string; changed: boolean; groups: GroupRef[] };

/** What the users of one bulk change share. */
interface BatchRun {
  client: ReturnType<typeof ezeepFor>;
  audit: AuditedBatch<Changed>;
  change: GroupChange;
  groups: Map<string, GroupRef>;
  nameGroups: (ids: readonly string[]) => Promise<void>;
  /** Records a user's groups afterwards in the users directory (grouped writes, see below). */
  noteGroups: (userId: string, groupIds: string[]) => void;
}

/** Users per directory write while a batch runs (the last ones are written at its end). */
const DIRECTORY_PART = 25;

/**
 * The users directory's side of a batch: users' new lists are written DIRECTORY_PART at a time
 * while the others go on, so the end of the batch waits for the last part only.
 */
function directoryWriter(organizationId: string) {
  let part: { userId: string; groupIds: string[] }[] = [];
  const writes: Promise<void>[] = [];
  const write = () => {
    writes.push(applyGroupChanges(organizationId, part)); // never throws
    part = [];
  };
  return {
    note(userId: string, groupIds: string[]) {
      part.push({ userId, groupIds });
      if (part.length >= DIRECTORY_PART) write();
    },
    async done() {
      if (part.length > 0) write();
      await Promise.all(writes);
    },
  };
}

/** Steps 2–3 of the top comment for one user, whose lock the caller holds. */
async function changeOne(ctx: OrgContext, run: BatchRun, user: Selected): Promise<BulkResult> {
  const { userId, label } = user;
  let before: string[];
  try {
    const current = await run.client.printingUsers.get(userId);
    before = [...new Set(current.groups.map((g) => g.group_id))];
  } catch (err) {
    await run.audit
      .record(await readFailure(ctx, user, run.change, err))
      .catch((error: unknown) => logger.error({ err: error, userId }, "could not record a failed read"));
    return failed(ctx, user, err);
  }
  const next = nextGroupIds(before, run.change.add, new Set(run.change.remove));
  if (sameSet(before, next)) {
    run.noteGroups(userId, before);
    return { userId, label, ok: true, changed: false, error: null };
  }
  await run.nameGroups(before);
  const refs = (ids: readonly string[]) =>
    ids.map((id) => run.groups.get(id) ?? { id, name: "Unknown group", azure: false });
  const written = await run.audit.run({
    target: { type: "user", id: userId, label },
    before: snapshot(refs(before)),
    intended: snapshot(refs(next)),
    run: async () => {
      const updated = await run.client.printingUsers.setGroups(userId, next);
      const after = refs([...new Set(updated.groups.map((g) => g.group_id))]);
      return { result: { userId, changed: true, groups: after }, after: snapshot(after) };
    },
  });
  if (!written.ok) return failed(ctx, user, written.error);
  run.noteGroups(
    userId,
    written.value.groups.map((g) => g.id),
  );
  return { userId, label, ok: true, changed: written.value.changed, error: null };
}

/** Step 1 of the top comment: one lease over every selected user (null: someone holds one). */
export function lockSelection(ctx: OrgContext, userIds: readonly string[]): Promise<BatchLock | null> {
  return tryLockMany(userIds.map((id) => userLockKey(ctx.organization.id, id)));
}

/**
 * Applies one group change to every selected user (see the top of this file). One user's failure
 * does not stop the others; the results keep the selection's order. `groups`: names known so far;
 * `known.allGroups`: every group's name, when the caller started reading them already;
 * `known.lock`: the selection's lease (lockSelection), when the caller asked for it already.
 */
export async function changeGroupsOfMany(
  ctx: OrgContext,
  users: Selected[],
  change: GroupChange,
  groups: Map<string, GroupRef>,
  known: { allGroups?: Promise<Map<string, GroupRef>>; lock?: Promise<BatchLock | null> } = {},
): Promise<BulkResult[]> {
  const names = groupNamer(ctx, groups, known.allGroups);
  const lock = await (known.lock ??
    lockSelection(
      ctx,
      users.map((u) => u.userId),
    ));
  if (!lock) {
    await names.readAll(); // once for all of them
    return oneByOne(ctx, users, change, groups);
  }
  try {
    const directory = directoryWriter(ctx.organization.id);
    const run: BatchRun = {
      client: ezeepFor(ctx.organization),
      audit: openAuditedBatch<Changed>(ctx, "membership.update"),
      change,
      groups,
      nameGroups: names.name,
      noteGroups: directory.note,
    };
    // Four times the allowed concurrency under way: the lane always has a next read or write
    // queued while the users ahead wait for their entries to be written.
    const results = await mapPool(users, 4 * ezeepMaxConcurrency(), (user) => changeOne(ctx, run, user));
    await directory.done();
    return results;
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
    const ids = [...new Set(input.userIds)];
    const lock = lockSelection(ctx, ids); // beside the group's read
    const { group, groups, allGroups, dir } = await loadBulkGroup(ctx, input.groupId).catch(
      async (err: unknown) => {
        await (await lock.catch(() => null))?.release();
        throw err;
      },
    );
    const users = ids.map((userId) => ({ userId, label: dir?.byId.get(userId)?.email ?? userId }));
    const add = { add: [group.id], remove: [] };
    const results = await changeGroupsOfMany(ctx, users, add, groups, { allGroups, lock });
    return { group, results };
  });
  return { ...result, throttledMs };
}
