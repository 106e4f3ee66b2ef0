// Carries out a plan: groups first, then one task per person (every group they should join), so
// each user is locked and written once. Existing users and new people go in batches (one lease
// statement and one audit entry per batch instead of per person: the database, not ezeep, was the
// bottleneck, see README "Speed"); whatever a batch cannot lock falls back to the per-person path.
// People with an open invitation that already carries their groups are settled from one read,
// without a lock, so a repeated request takes no lock per invitee.
// Every person that could not be done gets its own `provisioning.not_done` audit entry, so a
// report's failed rows can always be traced in the audit log.
import "server-only";

import { recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { chunk, mapPool } from "@/lib/concurrency";
import { applyDomainRulesAfterImport } from "@/lib/domain-rules/hooks";
import { createGroup, updateGroup } from "@/lib/groups/service";
import { userLockKey } from "@/lib/locks";
import { tryLockMany, type BatchLock } from "@/lib/provisioning/batch-lock";

import { addIntendedGroups, inviteBatch, inviteUser, settleKnownInvitations } from "./invitations";
import { addMemberships, addMembershipsLocked } from "./memberships";
import type {
  ApplyResult,
  Finish,
  GroupResult,
  Plan,
  PlannedGroup,
  Task,
  UserOutcome,
  UserResult,
} from "./types";
import { inviteLockKey, lowerEmail, messageOf } from "./util";

const TASK_CONCURRENCY = 32;
const INVITE_BATCH = 50;
const INVITE_BATCH_CONCURRENCY = 4;
/** Users locked per lease statement. */
const LOCK_CHUNK = 250; // 3 bound values per lease row; SQLite binds at most 999

export interface ApplyOptions {
  /** Called after each finished person (progress bars, reports). */
  onProgress?: (done: number, total: number) => void;
}

async function applyGroup(ctx: OrgContext, g: PlannedGroup): Promise<GroupResult> {
  try {
    if (g.action === "create") {
      const created = await createGroup(ctx, { name: g.name, description: g.description ?? "" });
      return { ...g, id: created.id, outcome: "created" };
    }
    if (g.action === "update") {
      await updateGroup(ctx, { id: g.id!, name: g.name, description: g.description ?? "" });
      return { ...g, outcome: "updated" };
    }
    return { ...g, outcome: "unchanged" };
  } catch (err) {
    return { ...g, outcome: "failed", error: messageOf(err) };
  }
}

function buildTasks(plan: Plan, groups: GroupResult[]): { tasks: Task[]; users: UserResult[] } {
  const byEmail = new Map<string, Task>();
  const users: UserResult[] = plan.users.map((u) => ({ ...u, outcome: "skipped" }));
  plan.users.forEach((u, i) => {
    const group = u.grouping === null ? null : groups[u.grouping]!;
    if (group && (group.outcome === "failed" || !group.id)) {
      users[i]!.error = "The group could not be created or updated.";
      return;
    }
    const key = lowerEmail(u.email);
    const task = byEmail.get(key) ?? {
      email: u.email,
      userId: u.userId,
      action: u.action,
      groupIds: [],
      entries: [],
    };
    // "member" (known from the plan's read) needs no write unless another entry of the same person does.
    if (task.action === "member" && u.action !== "member") task.action = u.action;
    if (group?.id && !task.groupIds.includes(group.id)) task.groupIds.push(group.id);
    task.entries.push(i);
    byEmail.set(key, task);
  });
  return { tasks: [...byEmail.values()], users };
}

/** The per-person path: one lock, one read, one write, one audit entry. */
async function runSingle(ctx: OrgContext, task: Task): Promise<UserOutcome> {
  if (task.action === "invite") return inviteUser(ctx, task.email, task.groupIds);
  if (task.groupIds.length === 0 || task.action === "member") return "unchanged";
  if (task.action === "invited") return addIntendedGroups(ctx, task.email, task.userId, task.groupIds);
  return addMemberships(ctx, task.userId!, task.email, task.groupIds);
}

async function lockChunks(keysOf: (t: Task) => string, tasks: Task[]) {
  const locked: { lock: BatchLock; tasks: Task[] }[] = [];
  const rest: Task[] = [];
  for (const part of chunk(tasks, LOCK_CHUNK)) {
    const lock = await tryLockMany(part.map(keysOf));
    if (lock) locked.push({ lock, tasks: part });
    else rest.push(...part);
  }
  return { locked, rest };
}

interface Runners {
  finish: Finish;
  /** The per-person path, for whatever a batch could not lock. */
  runOne: (task: Task) => Promise<void>;
}

/** Existing users: locked in chunks, their groups read once for all, written in batches. */
async function applyMembers(ctx: OrgContext, members: Task[], orgUserCount: number, run: Runners) {
  const org = ctx.organization.id;
  const { locked, rest } = await lockChunks((t) => userLockKey(org, t.userId!), members);
  try {
    await Promise.all([
      addMembershipsLocked(
        ctx,
        locked.flatMap((l) => l.tasks),
        orgUserCount,
        run.finish,
      ),
      mapPool(rest, TASK_CONCURRENCY, run.runOne),
    ]);
  } finally {
    await Promise.all(locked.map((l) => l.lock.release()));
  }
}

/** New people: invited in batches under their `invite:` locks, one audit entry per batch. */
function applyInvites(ctx: OrgContext, invites: Task[], run: Runners) {
  const org = ctx.organization.id;
  return mapPool(chunk(invites, INVITE_BATCH), INVITE_BATCH_CONCURRENCY, async (batch) => {
    const lock = await tryLockMany(batch.map((t) => inviteLockKey(org, t.email)));
    if (!lock) return void (await mapPool(batch, TASK_CONCURRENCY, run.runOne));
    try {
      await inviteBatch(ctx, batch, run.finish);
    } finally {
      await lock.release();
    }
  });
}

export async function applyProvisioning(
  ctx: OrgContext,
  plan: Plan,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const groups = await Promise.all(plan.groups.map((g) => applyGroup(ctx, g)));
  const { tasks, users } = buildTasks(plan, groups);
  let done = 0;
  const failed: Task[] = [];
  const finish: Finish = (task, outcome, error) => {
    for (const i of task.entries) {
      users[i]!.outcome = outcome;
      if (error) users[i]!.error = error;
    }
    if (outcome === "failed") failed.push(task);
    done++;
    opts.onProgress?.(done, tasks.length);
  };
  const runOne = async (task: Task) => {
    try {
      finish(task, await runSingle(ctx, task));
    } catch (err) {
      finish(task, "failed", messageOf(err));
    }
  };
  const members = tasks.filter(
    (t) => t.groupIds.length > 0 && (t.action === "add" || t.action === "unknown") && t.userId,
  );
  const invites = tasks.filter((t) => t.action === "invite");
  const invitees = tasks.filter((t) => t.action === "invited" && t.groupIds.length > 0);
  const grouped = new Set([...members, ...invites, ...invitees]);
  const others = tasks.filter((t) => !grouped.has(t));
  await Promise.all([
    applyMembers(ctx, members, plan.accounts.size, { finish, runOne }),
    applyInvites(ctx, invites, { finish, runOne }),
    mapPool(others, TASK_CONCURRENCY, runOne),
    settleKnownInvitations(ctx, invitees, finish).then((rest) => mapPool(rest, TASK_CONCURRENCY, runOne)),
  ]);
  await recordNotDone(ctx, plan, groups, users, failed);
  await applyDomainRulesAfterImport(ctx.organization.id, plan, { groups, users }); // domain rules (w15)
  return { groups, users };
}

/** One failure entry per person (failed) and per row whose group failed (skipped). */
async function recordNotDone(
  ctx: OrgContext,
  plan: Plan,
  groups: GroupResult[],
  users: UserResult[],
  failed: Task[],
): Promise<void> {
  const entries = [
    ...failed.map((t) => ({
      email: lowerEmail(t.email),
      refs: t.entries.map((i) => users[i]!.ref),
      groupIds: t.groupIds,
      error: users[t.entries[0]!]!.error ?? "The change failed.",
    })),
    ...users
      .filter((u) => u.outcome === "skipped" && u.grouping !== null)
      .map((u) => ({
        email: lowerEmail(u.email),
        refs: [u.ref],
        group: plan.groups[u.grouping!]!.name,
        error: `The group could not be created or updated: ${groups[u.grouping!]!.error ?? "ezeep refused it"}`,
      })),
  ];
  await mapPool(entries, 4, ({ email, error, ...detail }) =>
    recordAudit({
      organizationId: ctx.organization.id,
      actor: ctx.actor,
      action: "provisioning.not_done",
      target: { type: "user", label: email },
      after: { email, ...detail },
      outcome: "failure",
      error: error.slice(0, 2000),
    }),
  );
}
