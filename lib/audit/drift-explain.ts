// Which differences between two drift snapshots the portal itself made (lib/audit/drift.ts).
//
// A difference is the portal's only when a portal audit entry COMPLETED between the two snapshots
// says the object ended up exactly as the new snapshot shows it: the latest such entry per object
// (its recorded "after") must match. Anything else — no entry, an entry from before the previous
// snapshot, or an entry whose "after" differs (someone changed the object again in ezeep's own
// console) — is an external change. Entries' "after" shapes differ per action, so this module
// reads each into "claims": what the entry says one group, membership or assignment became.
import "server-only";

import { db } from "@/lib/db";

export interface GroupValue {
  name: string;
  description: string;
}

/** Group ids, or group names (entries written for people record names). */
export interface GroupList {
  ids: string[];
  names: string[];
}

export type Observed =
  | { kind: "group"; value: GroupValue | null }
  | { kind: "membership"; value: GroupList }
  | { kind: "assignment"; value: GroupList };

/** What one entry says an object became: keyed `<kind>:<id>` (memberships also `membership:email:<address>`). */
export interface Claim {
  key: string;
  /** A group's new value; null = deleted. */
  group?: GroupValue | null;
  /** A membership or assignment list: ids or names (either may match). */
  list?: string[];
}

export interface EntryLike {
  action: string;
  targetType: string;
  targetId: string | null;
  after: string | null;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null;

/** A printer's groups are recorded as "A, B" (names) or as a list. */
function listOf(v: unknown): string[] | null {
  if (typeof v === "string") return v ? v.split(", ") : [];
  return strings(v);
}

function groupClaims(e: EntryLike, after: Record<string, unknown> | null): Claim[] {
  if (!e.targetId) return [];
  if (e.action.endsWith(".delete")) return [{ key: `group:${e.targetId}`, group: null }];
  if (typeof after?.name !== "string") return [];
  const description = typeof after.description === "string" ? after.description : "";
  return [{ key: `group:${e.targetId}`, group: { name: after.name, description } }];
}

function membershipClaims(e: EntryLike, after: Record<string, unknown>): Claim[] {
  const claims: Claim[] = [];
  const own = strings(after.groupIds) ?? strings(after.groups);
  if (e.targetType === "user" && e.targetId && own)
    claims.push({ key: `membership:${e.targetId}`, list: own });
  if (e.targetType === "invitation" && typeof after.email === "string" && own)
    claims.push({ key: `membership:email:${after.email.toLowerCase()}`, list: own });
  // Bulk provisioning: one entry, a list of users each with their resulting groups.
  if (Array.isArray(after.users)) {
    for (const u of after.users as Record<string, unknown>[]) {
      const groups = strings(u?.groups);
      if (typeof u?.id === "string" && groups) claims.push({ key: `membership:${u.id}`, list: groups });
    }
  }
  return claims;
}

/** Every claim one portal entry makes about the objects drift detection watches. */
export function claimsOf(e: EntryLike): Claim[] {
  const after = parse(e.after);
  if (e.targetType === "group") return groupClaims(e, after);
  if (!after) return [];
  if (e.targetType === "printer" && e.targetId) {
    const groups = listOf(after.groups);
    return groups ? [{ key: `assignment:${e.targetId}`, list: groups }] : [];
  }
  return membershipClaims(e, after);
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
};
const sameSorted = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Does the claim say exactly what the new snapshot shows? */
export function claimMatches(claim: Claim, observed: Observed): boolean {
  if (observed.kind === "group") {
    if (claim.group === undefined) return false;
    if (claim.group === null || observed.value === null) return claim.group === observed.value;
    return claim.group.name === observed.value.name && claim.group.description === observed.value.description;
  }
  if (!claim.list) return false;
  return sameSet(claim.list, observed.value.ids) || sameSorted(claim.list, observed.value.names);
}

export interface PortalWindow {
  /** The latest claim per object among entries completed in the window. */
  latest: Map<string, Claim>;
  /** Targets of portal changes still in flight (pending): their differences wait for the next run. */
  pendingTargets: Set<string>;
}

/** Entries longer pending than this were sealed as "outcome unknown" by the maintenance job. */
const PENDING_HORIZON_MS = 15 * 60_000;

/** Portal entries completed between the previous snapshot (`from`) and the end of this read (`to`). */
export async function portalWindow(organizationId: string, from: Date, to: Date): Promise<PortalWindow> {
  const rows = await db.auditEntry.findMany({
    where: {
      organizationId,
      actorType: { not: "external" },
      // `at` (the start) bounds the scan through its index; completion decides.
      at: { gte: new Date(from.getTime() - PENDING_HORIZON_MS), lte: to },
      OR: [{ outcome: "success", completedAt: { gte: from, lte: to } }, { outcome: "pending" }],
    },
    select: {
      action: true,
      targetType: true,
      targetId: true,
      after: true,
      outcome: true,
      completedAt: true,
      id: true,
    },
  });
  rows.sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0) || a.id - b.id);
  const latest = new Map<string, Claim>();
  const pendingTargets = new Set<string>();
  for (const row of rows) {
    if (row.outcome === "pending") {
      if (row.targetId) pendingTargets.add(row.targetId);
      continue;
    }
    for (const claim of claimsOf(row)) latest.set(claim.key, claim);
  }
  return { latest, pendingTargets };
}
