// The dry run: reads ezeep once (all groups, all account users, optionally every member's groups)
// and decides what each row would do. Changes nothing.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { letRequestsLeave } from "@/lib/concurrency";
import type { AccountUser, Group, PrintingUser } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";

import type { GroupingInput, Plan, PlannedGroup, PlannedUser, UserAction, UserInput } from "./types";
import { lowerEmail, openInvitationOf } from "./util";

/** The largest page each listing accepts (ezeep caps larger asks; fewer round trips). */
export const LIST_PAGE_SIZE = 100;

/** Lists a plan reads, started early (beside a request's own database reads). */
export interface PlanLists {
  groups?: Promise<Group[]>;
  users?: Promise<AccountUser[]>;
}

/**
 * Starts reading the lists asked for and resolves once their first requests have left (before
 * the caller's large database reads hold the thread). Pass the lists to planProvisioning only if
 * nothing was written to ezeep in between; an unused read's failure is dropped here.
 */
export async function readPlanLists(
  ctx: OrgContext,
  which: { groups: boolean; users: boolean },
): Promise<PlanLists> {
  const client = ezeepFor(ctx.organization);
  const lists: PlanLists = {};
  if (which.groups) lists.groups = client.groups.all({ pageSize: LIST_PAGE_SIZE });
  if (which.users) lists.users = client.users.all({ perPage: LIST_PAGE_SIZE });
  lists.groups?.catch(() => undefined);
  lists.users?.catch(() => undefined);
  await letRequestsLeave();
  return lists;
}

export interface PlanOptions {
  /** Lists read already (readPlanLists); otherwise the plan reads them. */
  lists?: PlanLists;
  /** Read every member's groups, so the plan can tell "member already" from "add". */
  readMemberships?: boolean;
  /** People to match or invite without a grouping (NDD /v1/users). */
  ungrouped?: UserInput[];
}

export function membershipMap(users: PrintingUser[]): Map<string, Set<string>> {
  return new Map(users.map((pu) => [pu.id, new Set((pu.groups ?? []).map((g) => g.group_id))]));
}

function planGroup(g: GroupingInput, existing: Group | undefined): PlannedGroup {
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
    description: changed ? (g.description ?? "") : current,
    previousDescription: current,
  };
}

function userAction(
  account: AccountUser | undefined,
  groupId: string | null,
  memberships: Map<string, Set<string>> | null,
): UserAction {
  if (!account) return "invite";
  if (!account.is_verified) return openInvitationOf(account) ? "invited" : "invite";
  if (!memberships) return "unknown"; // membership is read inside the lock when applying
  return groupId && memberships.get(account.id)?.has(groupId) ? "member" : "add";
}

export async function planProvisioning(
  ctx: OrgContext,
  groupings: GroupingInput[],
  opts: PlanOptions = {},
): Promise<Plan> {
  const client = ezeepFor(ctx.organization);
  const ungrouped = opts.ungrouped ?? [];
  const anyUsers = ungrouped.length > 0 || groupings.some((g) => g.users.length > 0);
  const needMemberships = Boolean(opts.readMemberships) && groupings.some((g) => g.users.length > 0);
  // The listings are independent: read them side by side, with the largest page size.
  const [groups, users, printingUsers] = await Promise.all([
    groupings.length > 0
      ? (opts.lists?.groups ?? client.groups.all({ pageSize: LIST_PAGE_SIZE }))
      : Promise.resolve([] as Group[]),
    anyUsers
      ? (opts.lists?.users ?? client.users.all({ perPage: LIST_PAGE_SIZE }))
      : Promise.resolve([] as AccountUser[]),
    needMemberships ? client.printingUsers.all({ pageSize: LIST_PAGE_SIZE }) : Promise.resolve(null),
  ]);
  const byName = new Map(groups.map((g) => [g.name, g]));
  const accounts = new Map(users.map((u) => [lowerEmail(u.email), u]));
  let memberships: Map<string, Set<string>> | null = null;
  if (printingUsers) memberships = membershipMap(printingUsers);
  else if (opts.readMemberships) memberships = new Map();
  const planned = groupings.map((g) => planGroup(g, byName.get(g.name)));
  const plannedUsers: PlannedUser[] = [];
  const push = (u: UserInput, grouping: number | null) => {
    const account = accounts.get(lowerEmail(u.email));
    const groupId = grouping === null ? null : planned[grouping]!.id;
    const action =
      grouping === null && account?.is_verified ? "member" : userAction(account, groupId, memberships);
    plannedUsers.push({ grouping, ref: u.ref, email: u.email.trim(), action, userId: account?.id ?? null });
  };
  groupings.forEach((g, index) => g.users.forEach((u) => push(u, index)));
  ungrouped.forEach((u) => push(u, null));
  return { groups: planned, users: plannedUsers, accounts };
}
