// Upserting NDD groupings (shared by /v1/groups/users and /v1/groups/users-sync): identities
// first, then the engine (groups, memberships, invitations), then the stored links — which ezeep
// group a grouping is, who NDD listed in it, and whether the portal created the group.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { chunk } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { withKeyLock } from "@/lib/locks";
import {
  applyProvisioning,
  planProvisioning,
  readPlanLists,
  type ApplyResult,
  type GroupingInput,
  type Plan,
} from "@/lib/provisioning/engine";

import { clientKey as keyOf } from "./clients";
import { IN_LIST_MAX, prepareIdentities, SEEN_PRECISION_MS, type IdentityRow } from "./identities";
import { linkIdentities, readPendingInvitations } from "./identity-links";
import { MESSAGES, type NddGroupError, type NddGrouping, type NddUser } from "./validate";

/** A bulk request may hold a grouping's lock for minutes; a crashed holder's lease still expires. */
const GROUPING_LOCK = {
  ttlMs: 300_000,
  waitMs: 300_000,
  busyMessage: "Another request for the same grouping is still running.",
};

/**
 * Serializes requests per (organization, GroupName): two identical requests at the same moment
 * must not both see "no such group" and create it twice. Keys are taken in sorted order.
 */
export async function withGroupingLocks<T>(orgId: string, names: string[], fn: () => Promise<T>): Promise<T> {
  const [first, ...rest] = [...new Set(names)].sort();
  if (first === undefined) return fn();
  return withKeyLock(
    `ndd-grouping:${orgId}:${first}`,
    () => withGroupingLocks(orgId, rest, fn),
    GROUPING_LOCK,
  );
}

export interface GroupingsOutcome {
  plan: Plan;
  result: ApplyResult;
  rows: Map<string, IdentityRow>;
}

/** Every distinct user of the groupings (first occurrence wins). */
export function distinctUsers(groupings: NddGrouping[]): NddUser[] {
  const byKey = new Map<string, NddUser>();
  for (const g of groupings) for (const u of g.users) if (!byKey.has(u.key)) byKey.set(u.key, u);
  return [...byKey.values()];
}

export function engineGroupings(groupings: NddGrouping[], rows: Map<string, IdentityRow>): GroupingInput[] {
  return groupings.map((g) => ({
    name: g.name,
    ...(g.description !== undefined ? { description: g.description } : {}),
    users: g.users.flatMap((u) => {
      const email = rows.get(u.key)?.email ?? u.email;
      return email ? [{ ref: u.ref, email }] : []; // no Email yet: kept, matched later
    }),
  }));
}

/**
 * Above this many people who are probably not yet members, the plan does not read every member's
 * groups before the locks: the apply step locks them and reads the listing once, inside the locks.
 * At or below it (a repeated request), the plan reads the listing unlocked, so people who are
 * members already need no lock at all, and the few others are re-read one by one under theirs.
 */
const SPECULATIVE_READ_MAX = 100;

/** The identities each grouping already lists (by grouping name), as stored by earlier requests. */
async function knownMembers(orgId: string, clientKey: string, names: string[]) {
  const rows = await db.nddGrouping.findMany({
    where: { organizationId: orgId, clientKey, name: { in: names } },
    select: {
      id: true,
      name: true,
      ezeepGroupId: true,
      lastSeenAt: true,
      members: { select: { identityId: true } },
    },
  });
  return new Map(
    rows.map((r) => [r.name, { ...r, identityIds: new Set(r.members.map((m) => m.identityId)) }]),
  );
}

type KnownMembers = Awaited<ReturnType<typeof knownMembers>>;

/**
 * People who may need a membership write: an Email, and not known as this grouping's linked member
 * already. Open invitations need none (their groups are kept on the portal's Invitation row).
 */
function likelyAdditions(groupings: NddGrouping[], rows: Map<string, IdentityRow>, known: KnownMembers) {
  let count = 0;
  for (const g of groupings) {
    const members = known.get(g.name)?.identityIds;
    for (const u of g.users) {
      const row = rows.get(u.key);
      if (!row)
        count += u.email ? 1 : 0; // seen for the first time
      else if (row.email && row.state !== "invited" && (row.state !== "active" || !members?.has(row.id)))
        count++;
    }
  }
  return count;
}

export async function upsertGroupings(
  ctx: OrgContext,
  client: string,
  groupings: NddGrouping[],
  now = new Date(),
): Promise<GroupingsOutcome> {
  const clientKey = keyOf(client);
  const orgId = ctx.organization.id;
  const early = await readPlanLists(ctx, {
    groups: groupings.length > 0,
    users: groupings.some((g) => g.users.length > 0),
  }); // beside the database work; dropped if that wrote to ezeep
  const [prepared, known] = await Promise.all([
    prepareIdentities(ctx, clientKey, distinctUsers(groupings), now),
    knownMembers(
      orgId,
      clientKey,
      groupings.map((g) => g.name),
    ),
  ]);
  const invitations = readPendingInvitations(ctx, prepared);
  const readMemberships = likelyAdditions(groupings, prepared.rows, known) <= SPECULATIVE_READ_MAX;
  const plan = await planProvisioning(ctx, engineGroupings(groupings, prepared.rows), {
    readMemberships,
    ...(prepared.wroteToEzeep ? {} : { lists: early }),
  });
  const result = await applyProvisioning(ctx, plan);
  const rows = await linkIdentities(ctx, prepared, plan, result, invitations);
  await recordGroupings(orgId, clientKey, groupings, { rows, known, result }, now);
  return { plan, result, rows };
}

async function recordGroupings(
  orgId: string,
  clientKey: string,
  groupings: NddGrouping[],
  state: { rows: Map<string, IdentityRow>; known: KnownMembers; result: ApplyResult },
  now: Date,
): Promise<void> {
  const { rows, known, result } = state;
  for (const [i, g] of groupings.entries()) {
    const group = result.groups[i]!;
    if (!group.id || group.outcome === "failed") continue;
    const created = group.outcome === "created";
    const stored = known.get(g.name);
    // A repeat within a minute that changed nothing writes nothing (lastSeenAt is shown to the minute).
    const current =
      stored &&
      !created &&
      stored.ezeepGroupId === group.id &&
      now.getTime() - stored.lastSeenAt.getTime() < SEEN_PRECISION_MS;
    const row = current
      ? stored
      : await db.nddGrouping.upsert({
          where: { organizationId_clientKey_name: { organizationId: orgId, clientKey, name: g.name } },
          create: {
            organizationId: orgId,
            clientKey,
            name: g.name,
            ezeepGroupId: group.id,
            createdByNdd: created,
            lastSeenAt: now,
          },
          update: { ezeepGroupId: group.id, lastSeenAt: now, ...(created ? { createdByNdd: true } : {}) },
        });
    // Members read before the engine ran (under this grouping's lock, so still current).
    const have = stored?.id === row.id ? stored.identityIds : new Set<string>();
    const ids = g.users.map((u) => rows.get(u.key)?.id).filter((id): id is string => Boolean(id));
    const missing = [...new Set(ids)].filter((id) => !have.has(id));
    if (missing.length > 0) await addGroupingMembers(row.id, missing);
  }
}

async function addGroupingMembers(groupingId: string, identityIds: string[]): Promise<void> {
  await db
    .$transaction(
      chunk(identityIds, IN_LIST_MAX).map((part) =>
        db.nddGroupingMember.createMany({ data: part.map((identityId) => ({ groupingId, identityId })) }),
      ),
    )
    .catch(async () => {
      for (const identityId of identityIds)
        await db.nddGroupingMember.upsert({
          where: { groupingId_identityId: { groupingId, identityId } },
          create: { groupingId, identityId },
          update: {},
        });
    });
}

/** NDD's answer: one entry per grouping with a problem (users keyed "Domain//Logon"). */
export function groupingErrors(
  validationErrors: (NddGroupError | null)[],
  valid: NddGrouping[],
  outcome: GroupingsOutcome,
): { list: NddGroupError[]; failedGroups: number } {
  const out = validationErrors.map((e) => (e ? { ...e, users: [...e.users] } : null));
  let failedGroups = 0;
  valid.forEach((v, i) => {
    const group = outcome.result.groups[i]!;
    const entry = (out[v.index] ??= { groupName: v.groupName, users: [], errorMessage: "" });
    if (group.outcome === "failed") {
      failedGroups++;
      entry.errorMessage = group.error ? `${MESSAGES.groupFailed} ${group.error}` : MESSAGES.groupFailed;
    }
  });
  for (const u of outcome.result.users) {
    if (u.outcome !== "failed" || u.grouping === null) continue;
    out[valid[u.grouping]!.index]!.users.push({
      user: u.ref,
      errorMessage: u.error ?? "The user could not be processed.",
    });
  }
  const list = out.filter(
    (e): e is NddGroupError => e !== null && (e.errorMessage !== "" || e.users.length > 0),
  );
  return { list, failedGroups };
}

export function countsOf(result: ApplyResult) {
  const users = (o: string) => result.users.filter((u) => u.outcome === o).length;
  return {
    groupsCreated: result.groups.filter((g) => g.outcome === "created").length,
    groupsUpdated: result.groups.filter((g) => g.outcome === "updated").length,
    membershipsAdded: users("added"),
    invited: users("invited"),
    invitationsUpdated: users("invitation_updated"),
    unchanged: users("unchanged"),
    failed: users("failed"),
  };
}
