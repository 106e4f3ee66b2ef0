// Bulk provisioning onto ezeep, shared by the NDD-compatible API (ndd.ts) and the CSV import:
// a grouping is an ezeep group (created, or its description updated); a user is matched by email
// (an existing ezeep user gets the membership; a new one gets an invitation that records the
// intended group; a user whose invitation is still open gets the group added to it).
//
// Idempotent: every step first reads the current state, so repeating a run changes nothing more.
// Membership writes are read-modify-write of the user's whole group list (ezeep-api.md §3.4), so
// they run under withKeyLock(userLockKey(orgId, userId)) and re-read the groups inside the lock
// (the same key the users/memberships feature uses). Concurrency toward ezeep is bounded by the
// organization's client (lib/organizations/service.ts, EZEEP_MAX_CONCURRENCY); the pool here is
// wider so that database work overlaps with ezeep's latency.
import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { EzeepError, type AccountUser, type Group } from "@/lib/ezeep";
import { createGroup, updateGroup } from "@/lib/groups/service";
import { userLockKey, withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";
import { tryLockMany } from "@/lib/provisioning/batch-lock";
import { mapPool } from "@/lib/provisioning/pool";

export const INVITATION_VALID_DAYS = 14;
const TASK_CONCURRENCY = 32;
const MEMBERSHIP_BATCH = 50;
const BATCH_CONCURRENCY = 4;

export interface GroupingInput {
  name: string;
  /** undefined = leave an existing description alone */
  description?: string;
  users: UserInput[];
}

export interface UserInput {
  /** How the caller names this user in results (NDD: "Domain//Logon", CSV: "row 7"). */
  ref: string;
  email: string;
}

export type GroupAction = "create" | "update" | "unchanged";
export type UserAction = "add" | "member" | "invite" | "invited" | "unknown";

export interface PlannedGroup {
  name: string;
  action: GroupAction;
  id: string | null;
  description: string | null;
  previousDescription: string | null;
}

export interface PlannedUser {
  grouping: number;
  ref: string;
  email: string;
  /** add = becomes a member; member = already is; invite = new invitation; invited = has an open invitation. */
  action: UserAction;
  userId: string | null;
}

export interface Plan {
  groups: PlannedGroup[];
  users: PlannedUser[];
}

export interface UserResult extends PlannedUser {
  outcome: "added" | "unchanged" | "invited" | "invitation_updated" | "failed" | "skipped";
  error?: string;
}

export interface GroupResult extends PlannedGroup {
  outcome: "created" | "updated" | "unchanged" | "failed";
  error?: string;
}

export interface ApplyResult {
  groups: GroupResult[];
  users: UserResult[];
}

function messageOf(err: unknown): string {
  if (err instanceof EzeepError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

const lowerEmail = (email: string) => email.trim().toLowerCase();

function hasOpenInvitation(user: AccountUser): boolean {
  return (user.user_invitations ?? []).some((i) => (i.invitation_status ?? "OPEN").toUpperCase() === "OPEN");
}

/** Reads ezeep once (all groups, all users) and decides what each row would do. Changes nothing. */
export async function planProvisioning(
  ctx: OrgContext,
  groupings: GroupingInput[],
  opts: { readMemberships?: boolean } = {},
): Promise<Plan> {
  const client = ezeepFor(ctx.organization);
  const anyUsers = groupings.some((g) => g.users.length > 0);
  // The three listings are independent: read them side by side.
  const [groups, users, printingUsers] = await Promise.all([
    client.groups.all({ pageSize: 100 }),
    anyUsers ? client.users.all({ perPage: 100 }) : Promise.resolve([] as AccountUser[]),
    anyUsers && opts.readMemberships ? client.printingUsers.all({ pageSize: 100 }) : Promise.resolve(null),
  ]);
  const byName = new Map<string, Group>(groups.map((g) => [g.name, g]));
  const byEmail = new Map<string, AccountUser>(users.map((u) => [lowerEmail(u.email), u]));
  let memberships: Map<string, Set<string>> | null = null;
  if (opts.readMemberships) {
    memberships = new Map();
    for (const pu of printingUsers ?? [])
      memberships.set(pu.id, new Set((pu.groups ?? []).map((g) => g.group_id)));
  }
  const planned: PlannedGroup[] = groupings.map((g) => {
    const existing = byName.get(g.name);
    if (!existing)
      return {
        name: g.name,
        action: "create",
        id: null,
        description: g.description ?? "",
        previousDescription: null,
      };
    const current = existing.description ?? "";
    const changed = g.description !== undefined && g.description !== current;
    return {
      name: g.name,
      action: changed ? "update" : "unchanged",
      id: existing.id,
      description: changed ? g.description! : current,
      previousDescription: current,
    };
  });
  const plannedUsers: PlannedUser[] = [];
  groupings.forEach((g, grouping) => {
    const groupId = planned[grouping]!.id;
    for (const u of g.users) {
      const account = byEmail.get(lowerEmail(u.email));
      let action: UserAction;
      if (!account) action = "invite";
      else if (!account.is_verified) action = hasOpenInvitation(account) ? "invited" : "invite";
      else if (memberships) action = groupId && memberships.get(account.id)?.has(groupId) ? "member" : "add";
      else action = "unknown"; // an existing user: membership is read inside the lock when applying
      plannedUsers.push({ grouping, ref: u.ref, email: u.email.trim(), action, userId: account?.id ?? null });
    }
  });
  return { groups: planned, users: plannedUsers };
}

interface Task {
  email: string;
  userId: string | null;
  action: UserAction;
  groupIds: string[];
  entries: number[];
}

export interface ApplyOptions {
  /** Called after each finished user (progress bars, reports). */
  onProgress?: (done: number, total: number) => void;
}

/** Carries out a plan. Every change is audited; failures are reported per group / per user. */
export async function applyProvisioning(
  ctx: OrgContext,
  plan: Plan,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const groupResults: GroupResult[] = await Promise.all(
    plan.groups.map(async (g): Promise<GroupResult> => {
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
    }),
  );

  // One task per person: every group they should join, so each user is locked and written once.
  const tasks = new Map<string, Task>();
  const userResults: UserResult[] = plan.users.map((u) => ({ ...u, outcome: "skipped" }) as UserResult);
  plan.users.forEach((u, i) => {
    const group = groupResults[u.grouping]!;
    if (group.outcome === "failed" || !group.id) {
      userResults[i]!.error = "The group could not be created or updated.";
      return;
    }
    const key = lowerEmail(u.email);
    const task = tasks.get(key) ?? {
      email: u.email,
      userId: u.userId,
      action: u.action,
      groupIds: [],
      entries: [],
    };
    // "member" (known from the plan's read) needs no write unless another entry of the same person does.
    if (task.action === "member" && u.action !== "member") task.action = u.action;
    if (!task.groupIds.includes(group.id)) task.groupIds.push(group.id);
    task.entries.push(i);
    tasks.set(key, task);
  });

  const all = [...tasks.values()];
  let done = 0;
  const finish = (task: Task, outcome: UserResult["outcome"], error?: string) => {
    for (const i of task.entries) {
      userResults[i]!.outcome = outcome;
      if (error) userResults[i]!.error = error;
    }
    done++;
    opts.onProgress?.(done, all.length);
  };
  const runOne = async (task: Task) => {
    try {
      finish(
        task,
        task.action === "member"
          ? "unchanged"
          : task.action === "invite"
            ? await inviteUser(ctx, task.email, task.groupIds)
            : task.action === "invited"
              ? await addIntendedGroups(ctx, task.email, task.userId, task.groupIds)
              : await addMemberships(ctx, task.userId!, task.email, task.groupIds),
      );
    } catch (err) {
      finish(task, "failed", messageOf(err));
    }
  };

  // Existing users in batches: one lease statement and one audit entry per batch instead of per
  // person (the database, not ezeep, was the bottleneck: see README "Speed").
  const members = all.filter((t) => (t.action === "add" || t.action === "unknown") && t.userId);
  const invites = all.filter((t) => t.action === "invite");
  const others = all.filter((t) => !members.includes(t) && !invites.includes(t));
  const chunk = (list: Task[], kind: "member" | "invite") => {
    const out: { kind: typeof kind; tasks: Task[] }[] = [];
    for (let i = 0; i < list.length; i += MEMBERSHIP_BATCH)
      out.push({ kind, tasks: list.slice(i, i + MEMBERSHIP_BATCH) });
    return out;
  };
  await Promise.all([
    mapPool(
      [...chunk(members, "member"), ...chunk(invites, "invite")],
      BATCH_CONCURRENCY,
      async ({ kind, tasks: batch }) => {
        const lock = await tryLockMany(
          batch.map((t) =>
            kind === "member"
              ? userLockKey(ctx.organization.id, String(t.userId))
              : `invite:${ctx.organization.id}:${lowerEmail(t.email)}`,
          ),
        );
        if (!lock) {
          await mapPool(batch, TASK_CONCURRENCY, runOne);
          return;
        }
        try {
          if (kind === "member") await addMembershipsBatch(ctx, batch, finish);
          else await inviteBatch(ctx, batch, finish);
        } finally {
          await lock.release();
        }
      },
    ),
    mapPool(others, TASK_CONCURRENCY, runOne),
  ]);
  return { groups: groupResults, users: userResults };
}

/**
 * Adds memberships for a batch of existing users whose locks the caller holds: re-reads each
 * user's groups (inside the locks), then writes only the missing ones, under one audit entry that
 * lists every user's groups before and after.
 */
async function addMembershipsBatch(
  ctx: OrgContext,
  batch: Task[],
  finish: (task: Task, outcome: UserResult["outcome"], error?: string) => void,
): Promise<void> {
  const client = ezeepFor(ctx.organization);
  const current = await mapPool(batch, batch.length, async (t) => {
    try {
      return { task: t, groups: (await client.printingUsers.get(t.userId!)).groups.map((g) => g.group_id) };
    } catch (err) {
      finish(t, "failed", messageOf(err));
      return null;
    }
  });
  const changes: { task: Task; before: string[]; next: string[]; added: string[] }[] = [];
  for (const c of current) {
    if (!c) continue;
    const added = c.task.groupIds.filter((id) => !c.groups.includes(id));
    if (added.length === 0) finish(c.task, "unchanged");
    else changes.push({ task: c.task, before: c.groups, next: [...c.groups, ...added], added });
  }
  if (changes.length === 0) return;
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
        const results = await mapPool(changes, changes.length, async (c) => {
          try {
            const updated = await client.printingUsers.setGroups(c.task.userId!, c.next);
            outcomes.set(c.task, null);
            return {
              id: c.task.userId,
              email: c.task.email,
              groups: (updated.groups ?? []).map((g) => g.group_id),
              added: c.added,
            };
          } catch (err) {
            outcomes.set(c.task, messageOf(err));
            return { id: c.task.userId, email: c.task.email, error: messageOf(err) };
          }
        });
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

/** New people in a batch whose `invite:` locks the caller holds (see inviteUser for one person). */
async function inviteBatch(
  ctx: OrgContext,
  batch: Task[],
  finish: (task: Task, outcome: UserResult["outcome"], error?: string) => void,
): Promise<void> {
  const emails = batch.map((t) => lowerEmail(t.email));
  const pending = await db.invitation.findMany({
    where: { organizationId: ctx.organization.id, email: { in: emails }, status: "pending" },
  });
  const byEmail = new Map(pending.map((p) => [p.email, p]));
  const fresh: Task[] = [];
  for (const t of batch) {
    const row = byEmail.get(lowerEmail(t.email));
    if (!row) fresh.push(t);
    else {
      try {
        finish(t, await mergeIntendedGroups(ctx, row, t.groupIds));
      } catch (err) {
        finish(t, "failed", messageOf(err));
      }
    }
  }
  if (fresh.length === 0) return;
  const expiresAt = new Date(Date.now() + INVITATION_VALID_DAYS * 86_400_000);
  const single = fresh.length === 1 ? fresh[0]! : null;
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
      run: async () => {
        const client = ezeepFor(ctx.organization);
        const results = await mapPool(fresh, fresh.length, async (t) => {
          const email = lowerEmail(t.email);
          try {
            const inv = await client.invitations.create({ email, expire_date: expiresAt });
            return { task: t, email, ezeepInvitationId: inv.id };
          } catch (err) {
            outcomes.set(t, messageOf(err));
            return { task: t, email, error: messageOf(err) };
          }
        });
        const sent = results.filter(
          (r): r is { task: Task; email: string; ezeepInvitationId: string } => "ezeepInvitationId" in r,
        );
        if (sent.length > 0) {
          await db.invitation.createMany({
            data: sent.map((r) => ({
              organizationId: ctx.organization.id,
              ezeepInvitationId: r.ezeepInvitationId,
              email: r.email,
              intendedGroupIds: JSON.stringify(r.task.groupIds),
              invitedById: ctx.actor.id,
              invitedByLabel: ctx.actor.label,
              expiresAt,
            })),
          });
          for (const r of sent) outcomes.set(r.task, null);
        }
        if (sent.length === 0) throw new Error((results[0] as { error: string }).error);
        return {
          result: undefined,
          after: {
            invitations: results.map(({ task, ...r }) => ({ ...r, intendedGroupIds: task.groupIds })),
            failed: results.length - sent.length,
          },
        };
      },
    });
  } catch (err) {
    for (const t of fresh) if (!outcomes.has(t)) outcomes.set(t, messageOf(err));
  }
  for (const t of fresh) {
    const error = outcomes.get(t);
    if (error) finish(t, "failed", error);
    else finish(t, "invited");
  }
}

async function addMemberships(
  ctx: OrgContext,
  userId: string,
  email: string,
  groupIds: string[],
): Promise<UserResult["outcome"]> {
  const client = ezeepFor(ctx.organization);
  return withKeyLock(userLockKey(ctx.organization.id, userId), async () => {
    const current = await client.printingUsers.get(userId);
    const before = (current.groups ?? []).map((g) => g.group_id);
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

function ezeepDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/**
 * A new person: an ezeep invitation plus the portal's Invitation row recording the intended
 * groups (applied when they accept, by the invitations feature). Serialized per email so two
 * concurrent runs never invite twice; a pending row found inside the lock means "already invited".
 */
async function inviteUser(
  ctx: OrgContext,
  email: string,
  groupIds: string[],
): Promise<UserResult["outcome"]> {
  const key = lowerEmail(email);
  return withKeyLock(`invite:${ctx.organization.id}:${key}`, async () => {
    const pending = await db.invitation.findFirst({
      where: { organizationId: ctx.organization.id, email: key, status: "pending" },
    });
    if (pending) return mergeIntendedGroups(ctx, pending, groupIds);
    const expiresAt = new Date(Date.now() + INVITATION_VALID_DAYS * 86_400_000);
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
          data: {
            organizationId: ctx.organization.id,
            ezeepInvitationId: inv.id,
            email: key,
            intendedGroupIds: JSON.stringify(groupIds),
            invitedById: ctx.actor.id,
            invitedByLabel: ctx.actor.label,
            expiresAt,
          },
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

async function mergeIntendedGroups(
  ctx: OrgContext,
  row: { id: string; intendedGroupIds: string; email: string },
  groupIds: string[],
): Promise<UserResult["outcome"]> {
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

/** Someone with an open ezeep invitation: record the groups on the portal's Invitation row. */
async function addIntendedGroups(
  ctx: OrgContext,
  email: string,
  userId: string | null,
  groupIds: string[],
): Promise<UserResult["outcome"]> {
  const key = lowerEmail(email);
  return withKeyLock(`invite:${ctx.organization.id}:${key}`, async () => {
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
            organizationId: ctx.organization.id,
            ezeepInvitationId: open?.id ?? null,
            email: key,
            intendedGroupIds: JSON.stringify(groupIds),
            invitedById: ctx.actor.id,
            invitedByLabel: ctx.actor.label,
            ezeepUserId: userId,
            expiresAt: ezeepDate(open?.expire_date),
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
