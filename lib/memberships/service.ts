// Group memberships. ezeep's only membership write replaces a user's WHOLE group list
// (PATCH /printing/v1/users/<id>/ {groups}, docs/ezeep.md#memberships), so every change is a
// read-modify-write of one user: taken under the user's key lock (serialized within this portal
// instance, and across instances through a database lease), the user's groups are RE-READ from
// ezeep inside the lock, the add/remove is applied to that fresh list, and the whole list is
// written back. Two admins changing the same user's groups at once therefore never lose each
// other's change. Every change, and every failed attempt, gets its audit entry with the group
// lists before and after. A write whose answer was lost is read back (lib/memberships/reconcile.ts).
import "server-only";

import { audited, recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { UserFacingError } from "@/lib/errors";
import { EzeepError, type EzeepClient, type PrintingUser } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { userLockKey, withKeyLock } from "@/lib/locks";
import type { ListMembersQuery } from "@/lib/memberships/schemas";
import { ezeepFor } from "@/lib/organizations/service";
import { getDirectory, groupRef, patchDirectory, rememberGroup, type GroupRef } from "@/lib/users/directory";
import { queryDirectory, resolveGroups, toListItem, type UserListItem } from "@/lib/users/service";

import "@/lib/memberships/reconcile";

import { byName } from "@/lib/sort";

/** Every membership change is one audit action (lib/audit/actions-catalog.ts). */
export type MembershipAction = "membership.update";

export interface MembershipChange {
  userId: string;
  /** false when the user already was in (or already out of) the groups: nothing was written. */
  changed: boolean;
  groups: GroupRef[];
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/** A user's group list after a change: the current list without `remove`, then `add`'s new groups. */
export function nextGroupIds(
  before: readonly string[],
  add: readonly string[],
  remove: ReadonlySet<string>,
): string[] {
  return [
    ...before.filter((id) => !remove.has(id)),
    ...add.filter((id) => !before.includes(id) && !remove.has(id)),
  ];
}

export function snapshot(groups: readonly GroupRef[]) {
  const sorted = [...groups].sort(byName);
  return { groups: sorted.map((g) => g.name), groupIds: sorted.map((g) => g.id) };
}

/** ezeep's refusals in words an admin can act on. */
export async function explain(err: unknown, who: string): Promise<unknown> {
  if (!(err instanceof EzeepError)) return err;
  const t = await translator("users");
  if (err.status === 404) return new UserFacingError(t("errors.notInPrinting", { who }));
  if (err.status === 400 && err.fieldErrors?.groups) {
    return new UserFacingError(t("errors.groupGone"), { groupIds: err.fieldErrors.groups });
  }
  return err;
}

async function labelFor(ctx: OrgContext, userId: string): Promise<string> {
  const dir = await getDirectory(ctx).catch(() => null);
  return dir?.byId.get(userId)?.email ?? userId;
}

/** One user's membership change, with what the caller already knows. */
interface GroupChangePlan {
  ctx: OrgContext;
  userId: string;
  label: string;
  action: MembershipAction;
  add: string[];
  remove: Set<string>;
  knownGroups?: Map<string, GroupRef>;
}

/**
 * Applies `add` / `remove` to one user's groups: lock → re-read → modify → write whole list → audit.
 */
export async function changeUserGroups(
  ctx: OrgContext,
  userId: string,
  change: { add?: readonly string[]; remove?: readonly string[] },
  action: MembershipAction,
  /**
   * Known already (bulk changes): the user's label, the organization's groups by id, and whether
   * the caller already holds the user's lock (a batch lease, lib/provisioning/batch-lock.ts).
   */
  known: { label?: string; groups?: Map<string, GroupRef>; locked?: boolean } = {},
): Promise<MembershipChange> {
  const add = [...new Set(change.add ?? [])];
  const remove = new Set(change.remove ?? []);
  const label = known.label ?? (await labelFor(ctx, userId));
  const plan: GroupChangePlan = { ctx, userId, label, action, add, remove, knownGroups: known.groups };
  const underLock = () => changeUnderLock(plan);
  if (known.locked) return underLock();
  return withKeyLock(userLockKey(ctx.organization.id, userId), underLock, {
    busyMessage: `Another change to ${label}'s groups is still running. Try again in a moment.`,
  });
}

/** Runs with the user's lock held: re-read, apply the change to the fresh list, write the whole list. */
async function changeUnderLock(plan: GroupChangePlan): Promise<MembershipChange> {
  const { ctx, userId, add, remove } = plan;
  const client = ezeepFor(ctx.organization);
  const current = await rereadUser(client, plan);
  const beforeIds = [...new Set(current.groups.map((g) => g.group_id))];
  const nextIds = nextGroupIds(beforeIds, add, remove);
  const names = await resolveGroups(ctx, [...new Set([...beforeIds, ...nextIds])], plan.knownGroups);
  const byId = new Map(names.map((g) => [g.id, g]));
  const refs = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id) ?? { id, name: "Unknown group", azure: false });
  if (sameSet(beforeIds, nextIds)) {
    await patchDirectory(ctx.organization.id, { userId, groupIds: beforeIds });
    return { userId, changed: false, groups: refs(beforeIds) };
  }
  try {
    return await audited(ctx, {
      action: plan.action,
      target: { type: "user", id: userId, label: plan.label },
      before: snapshot(refs(beforeIds)),
      intended: snapshot(refs(nextIds)),
      run: async () => {
        const updated = await client.printingUsers.setGroups(userId, nextIds);
        const afterIds = [...new Set(updated.groups.map((g) => g.group_id))];
        await patchDirectory(ctx.organization.id, { userId, groupIds: afterIds });
        const after = refs(afterIds);
        return { result: { userId, changed: true, groups: after }, after: snapshot(after) };
      },
    });
  } catch (err) {
    throw await explain(err, plan.label);
  }
}

/** The user as ezeep has them now (the re-read inside the lock); a refusal is audited as a failure. */
async function rereadUser(client: EzeepClient, plan: GroupChangePlan): Promise<PrintingUser> {
  try {
    return await client.printingUsers.get(plan.userId);
  } catch (err) {
    const explained = await explain(err, plan.label);
    await recordAudit({
      organizationId: plan.ctx.organization.id,
      actor: plan.ctx.actor,
      action: plan.action,
      target: { type: "user", id: plan.userId, label: plan.label },
      after: { add: plan.add, remove: [...plan.remove] },
      outcome: "failure",
      ezeepStatus: err instanceof EzeepError ? err.status : null,
      error: explained instanceof Error ? explained.message : String(explained),
    });
    throw explained;
  }
}

export function addUserToGroups(ctx: OrgContext, input: { userId: string; groupIds: string[] }) {
  return changeUserGroups(ctx, input.userId, { add: input.groupIds }, "membership.update");
}

export function removeUserFromGroups(ctx: OrgContext, input: { userId: string; groupIds: string[] }) {
  return changeUserGroups(ctx, input.userId, { remove: input.groupIds }, "membership.update");
}

export interface MemberPage {
  items: UserListItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  asOf: Date;
}

/** A group's members: ezeep has no members endpoint (§3.4), so they come from the user index. */
export async function listGroupMembers(
  ctx: OrgContext,
  groupId: string,
  query: ListMembersQuery,
): Promise<MemberPage> {
  const dir = await getDirectory(ctx);
  const { rows, total, page, pageCount } = queryDirectory(dir, {
    q: query.q,
    group: groupId,
    role: "all",
    status: "all",
    sort: "name",
    dir: "asc",
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    items: rows.map((r) => toListItem(dir, r)),
    total,
    page,
    pageSize: query.pageSize,
    pageCount,
    asOf: new Date(dir.builtAt || Date.now()),
  };
}

/** The groups a user is not in yet (for the "add to groups" picker on the user's page). */
/**
 * Groups the user can still join, read from ezeep itself (a few requests at most) rather than the
 * cached directory, so a group created a moment ago — in the portal or in ezeep — is offered.
 */
export async function groupsToJoin(ctx: OrgContext, memberOf: readonly string[]): Promise<GroupRef[]> {
  const current = new Set(memberOf);
  const groups = (await ezeepFor(ctx.organization).groups.all({ pageSize: 100 })).map(groupRef);
  for (const group of groups) await rememberGroup(ctx.organization.id, group);
  return groups.filter((g) => !current.has(g.id)).sort(byName);
}
