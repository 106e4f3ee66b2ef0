// Drift detection: changes made outside the portal (e.g. in ezeep's own console) become audit
// entries too. Each run snapshots an organization's groups (name, description), memberships
// (each user's groups) and printer assignments (each printer's groups) from ezeep, compares
// with the previous snapshot, and records every difference that the portal did not make as an
// "external change" entry (actorType "external"): a difference is the portal's only when a
// portal entry completed between the two snapshots recorded exactly the new state
// (lib/audit/drift-explain.ts). The first run only records the snapshot. The snapshot and the
// entries are written in one transaction.
import type { AuditActionName } from "@/lib/audit/actions-catalog";

import "server-only";

import { chainKey, withChain } from "@/lib/audit/chain";
import { claimMatches, portalWindow, type Observed, type PortalWindow } from "@/lib/audit/drift-explain";
import { appendLocked, audited, type AuditRecord } from "@/lib/audit/service";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { assignedGroupIds } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { runJobOnce } from "@/lib/jobs/runner";
import { ezeepFor } from "@/lib/organizations/service";

/** The drift job's name: scheduled runs and "run drift now" share its lease and its JobRun log. */
export const DRIFT_JOB_NAME = "audit-drift";

export interface DriftState {
  groups: Record<string, { name: string; description: string }>;
  memberships: Record<string, string[]>;
  assignments: Record<string, { name: string; groups: string[] }>;
}

export async function readDriftState(org: OrganizationRef): Promise<DriftState> {
  const ezeep = ezeepFor(org);
  const state: DriftState = { groups: {}, memberships: {}, assignments: {} };
  for await (const g of ezeep.groups.iterate())
    state.groups[g.id] = { name: g.name, description: g.description ?? "" };
  for await (const u of ezeep.printingUsers.iterate())
    state.memberships[u.id] = u.groups.map((g) => g.group_id).sort();
  for await (const p of ezeep.assignments.iterate())
    state.assignments[p.printer_id] = {
      name: p.printer_name ?? p.printer_id,
      groups: assignedGroupIds(p).sort(),
    };
  return state;
}

export interface DriftChange {
  action: AuditActionName;
  target: { type: string; id: string; label: string };
  before: unknown;
  after: unknown;
  /** The claim key a portal entry would explain it by (lib/audit/drift-explain.ts). */
  key: string;
  /** What the new snapshot shows, for comparison with the portal's recorded "after". */
  observed: Observed;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function groupChanges(prev: DriftState, next: DriftState): DriftChange[] {
  const changes: DriftChange[] = [];
  for (const [id, g] of Object.entries(next.groups)) {
    const old = prev.groups[id];
    if (old && old.name === g.name && old.description === g.description) continue;
    changes.push({
      action: old ? "group.update" : "group.create",
      target: { type: "group", id, label: g.name },
      before: old ?? null,
      after: g,
      key: `group:${id}`,
      observed: { kind: "group", value: g },
    });
  }
  for (const [id, old] of Object.entries(prev.groups)) {
    if (next.groups[id]) continue;
    changes.push({
      action: "group.delete",
      target: { type: "group", id, label: old.name },
      before: old,
      after: null,
      key: `group:${id}`,
      observed: { kind: "group", value: null },
    });
  }
  return changes;
}

type ListKind = "membership" | "assignment";

/** Each user's (or printer's) group list that changed; objects that came or went are skipped. */
function listChanges(
  kind: ListKind,
  prev: Record<string, string[]>,
  next: Record<string, string[]>,
  ctx: { deleted: Set<string>; groupName: (id: string) => string; label: (id: string) => string },
): DriftChange[] {
  const changes: DriftChange[] = [];
  for (const id of Object.keys(next)) {
    if (!(id in prev)) continue; // users come and go with invitations/deletions
    // Memberships and assignments of a deleted group go with it: not reported separately.
    const a = prev[id].filter((g) => !ctx.deleted.has(g));
    const b = next[id];
    if (same(a, b)) continue;
    changes.push({
      action: kind === "membership" ? "membership.update" : "printer.assignment",
      target: { type: kind === "membership" ? "user" : "printer", id, label: ctx.label(id) },
      before: { groups: a.map(ctx.groupName) },
      after: { groups: b.map(ctx.groupName) },
      key: `${kind}:${id}`,
      observed: { kind, value: { ids: b, names: b.map(ctx.groupName) } },
    });
  }
  return changes;
}

export function diffStates(prev: DriftState, next: DriftState): DriftChange[] {
  const groupName = (id: string) => next.groups[id]?.name ?? prev.groups[id]?.name ?? id;
  const deleted = new Set(Object.keys(prev.groups).filter((id) => !next.groups[id]));
  const printerGroups = (s: DriftState) =>
    Object.fromEntries(Object.entries(s.assignments).map(([id, a]) => [id, a.groups]));
  return [
    ...groupChanges(prev, next),
    ...listChanges("membership", prev.memberships, next.memberships, {
      deleted,
      groupName,
      label: (id) => id,
    }),
    ...listChanges("assignment", printerGroups(prev), printerGroups(next), {
      deleted,
      groupName,
      label: (id) => next.assignments[id]?.name ?? id,
    }),
  ];
}

export interface DriftResult {
  firstSnapshot: boolean;
  recorded: number;
  explained: number;
  /** Differences on objects with a portal change still in flight: looked at again next run. */
  deferred: number;
  changes: DriftChange[];
}

/** Readable labels for users (their email from the account host); also explains by email. */
async function labelUsers(org: OrganizationRef, changes: DriftChange[], window: PortalWindow) {
  const out: DriftChange[] = [];
  for (const c of changes) {
    if (c.target.type === "user") {
      try {
        const user = await ezeepFor(org).users.get(c.target.id);
        c.target.label = user.email ?? c.target.id;
      } catch {
        // keep the id
      }
      // Invitation follow-ups record the invitee's email, not their user id.
      const byEmail = window.latest.get(`membership:email:${c.target.label.toLowerCase()}`);
      if (byEmail && claimMatches(byEmail, c.observed)) continue;
    }
    out.push(c);
  }
  return out;
}

/** Keeps the previous snapshot's value for objects whose difference waits for the next run. */
function keepPrevious(state: DriftState, prev: DriftState, c: DriftChange): void {
  const id = c.target.id;
  if (c.observed.kind === "group") {
    if (prev.groups[id]) state.groups[id] = prev.groups[id];
    else delete state.groups[id];
  } else if (c.observed.kind === "membership") state.memberships[id] = prev.memberships[id];
  else state.assignments[id] = prev.assignments[id];
}

async function saveFirstSnapshot(org: OrganizationRef, takenAt: Date, data: string): Promise<DriftResult> {
  await db.driftSnapshot.upsert({
    where: { organizationId: org.id },
    create: { organizationId: org.id, takenAt, data },
    update: { takenAt, data },
  });
  return { firstSnapshot: true, recorded: 0, explained: 0, deferred: 0, changes: [] };
}

export async function detectDrift(org: OrganizationRef, now = new Date()): Promise<DriftResult> {
  // The snapshot counts from the START of its read: anything completed after that is looked at
  // next time (a change that landed during the read is then simply explained or already seen).
  const takenAt = new Date();
  const state = await readDriftState(org);
  const readDone = new Date();
  const previous = await db.driftSnapshot.findUnique({ where: { organizationId: org.id } });
  if (!previous) return saveFirstSnapshot(org, takenAt, JSON.stringify(state));
  const prev = JSON.parse(previous.data) as DriftState;
  const changes = diffStates(prev, state);
  const window = changes.length
    ? await portalWindow(org.id, previous.takenAt, readDone)
    : { latest: new Map(), pendingTargets: new Set<string>() };
  const deferred = changes.filter((c) => window.pendingTargets.has(c.target.id));
  for (const c of deferred) keepPrevious(state, prev, c);
  const unexplained = changes.filter((c) => {
    if (deferred.includes(c)) return false;
    const claim = window.latest.get(c.key);
    return !claim || !claimMatches(claim, c.observed);
  });
  const external = await labelUsers(org, unexplained, window);
  await withChain(chainKey(org.id), async (chain) => {
    for (const c of external) {
      const record: AuditRecord = {
        organizationId: org.id,
        actor: { type: "external", id: null, label: "Outside the portal (ezeep)" },
        action: c.action,
        target: c.target,
        before: c.before,
        after: c.after,
        outcome: "success",
      };
      await appendLocked(chain, record, now);
    }
    await chain.tx.driftSnapshot.update({
      where: { organizationId: org.id },
      data: { takenAt, data: JSON.stringify(state) },
    });
  });
  return {
    firstSnapshot: false,
    recorded: external.length,
    explained: changes.length - external.length - deferred.length,
    deferred: deferred.length,
    changes: external,
  };
}

/** One tick of the drift job: every organization the portal manages. */
export async function detectDriftForAll(now = new Date()): Promise<void> {
  const orgs = await db.organization.findMany({ orderBy: { createdAt: "asc" } });
  for (const o of orgs) {
    try {
      await detectDrift({ id: o.id, ezeepId: o.ezeepId, name: o.name, connection: o.connection }, now);
    } catch (err) {
      console.error(`[drift] ${o.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

export interface DriftRunSummary {
  firstSnapshot: boolean;
  recorded: number;
  explained: number;
  deferred: number;
}

/**
 * "Run drift now" for the admin's organization: one manual run of the drift job (so it never
 * overlaps a scheduled run on any instance), audited as `drift.run` with what it found.
 */
export async function runDriftNow(ctx: OrgContext): Promise<DriftRunSummary> {
  return audited(ctx, {
    action: "drift.run",
    target: { type: "organization", id: ctx.organization.id, label: ctx.organization.name },
    run: async () => {
      let result: DriftResult | null = null;
      const job = {
        name: DRIFT_JOB_NAME,
        intervalMs: 0,
        run: async () => void (result = await detectDrift(ctx.organization)),
      };
      if (!(await runJobOnce(job)) || !result) {
        throw new UserFacingError((await translator("audit"))("errors.driftRunning"));
      }
      const { firstSnapshot, recorded, explained, deferred } = result as DriftResult;
      const summary: DriftRunSummary = { firstSnapshot, recorded, explained, deferred };
      return { result: summary, after: summary };
    },
  });
}
