// Drift detection: changes made outside the portal (e.g. in ezeep's own console) become audit
// entries too. Each run snapshots an organization's groups (name, description), memberships
// (each user's groups) and printer assignments (each printer's groups) from ezeep, compares
// with the previous snapshot, and records every difference that no portal entry since then
// explains as an "external change" entry (actorType "external"). The first run only records
// the snapshot. The snapshot and the entries are written in one transaction.
import { chainKey, withChain } from "@/lib/audit/chain";
import { appendLocked, type AuditRecord } from "@/lib/audit/service";
import type { OrganizationRef } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assignedGroupIds } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";

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
  action: string;
  target: { type: string; id: string; label: string };
  before: unknown;
  after: unknown;
  /** ids whose mention in a portal entry explains the change */
  ids: string[];
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function diffStates(prev: DriftState, next: DriftState): DriftChange[] {
  const changes: DriftChange[] = [];
  const groupName = (id: string) => next.groups[id]?.name ?? prev.groups[id]?.name ?? id;
  for (const [id, g] of Object.entries(next.groups)) {
    const old = prev.groups[id];
    if (!old)
      changes.push({
        action: "group.create",
        target: { type: "group", id, label: g.name },
        before: null,
        after: g,
        ids: [id],
      });
    else if (old.name !== g.name || old.description !== g.description)
      changes.push({
        action: "group.update",
        target: { type: "group", id, label: g.name },
        before: old,
        after: g,
        ids: [id],
      });
  }
  const deleted = new Set<string>();
  for (const [id, old] of Object.entries(prev.groups)) {
    if (!next.groups[id]) {
      deleted.add(id);
      changes.push({
        action: "group.delete",
        target: { type: "group", id, label: old.name },
        before: old,
        after: null,
        ids: [id],
      });
    }
  }
  // Memberships and assignments of a deleted group go with it: not reported separately.
  const users = new Set([...Object.keys(prev.memberships), ...Object.keys(next.memberships)]);
  for (const id of users) {
    const a = (prev.memberships[id] ?? []).filter((g) => !deleted.has(g));
    const b = next.memberships[id] ?? [];
    if (!(id in prev.memberships) || !(id in next.memberships)) continue; // users come and go with invitations/deletions
    if (same(a, b)) continue;
    changes.push({
      action: "membership.update",
      target: { type: "user", id, label: id },
      before: { groups: a.map(groupName) },
      after: { groups: b.map(groupName) },
      ids: [id],
    });
  }
  const printers = new Set([...Object.keys(prev.assignments), ...Object.keys(next.assignments)]);
  for (const id of printers) {
    const a = (prev.assignments[id]?.groups ?? []).filter((g) => !deleted.has(g));
    const b = next.assignments[id]?.groups ?? [];
    if (!(id in prev.assignments) || !(id in next.assignments)) continue;
    if (same(a, b)) continue;
    changes.push({
      action: "printer.assignment",
      target: { type: "printer", id, label: next.assignments[id].name },
      before: { groups: a.map(groupName) },
      after: { groups: b.map(groupName) },
      ids: [id],
    });
  }
  return changes;
}

/** Portal entries since the previous snapshot (with a margin for changes in flight then). */
async function portalEntriesSince(organizationId: string, since: Date) {
  return db.auditEntry.findMany({
    where: {
      organizationId,
      actorType: { not: "external" },
      at: { gte: since },
      outcome: { not: "failure" },
    },
    select: { targetId: true, targetLabel: true, before: true, after: true, action: true },
    orderBy: { id: "desc" },
    take: 20_000,
  });
}

export const DRIFT_MARGIN_MS = 5 * 60 * 1000;

export interface DriftResult {
  firstSnapshot: boolean;
  recorded: number;
  explained: number;
  changes: DriftChange[];
}

export async function detectDrift(org: OrganizationRef, now = new Date()): Promise<DriftResult> {
  const state = await readDriftState(org);
  const previous = await db.driftSnapshot.findUnique({ where: { organizationId: org.id } });
  const data = JSON.stringify(state);
  if (!previous) {
    await db.driftSnapshot.upsert({
      where: { organizationId: org.id },
      create: { organizationId: org.id, takenAt: now, data },
      update: { takenAt: now, data },
    });
    return { firstSnapshot: true, recorded: 0, explained: 0, changes: [] };
  }
  const changes = diffStates(JSON.parse(previous.data) as DriftState, state);
  const portal = changes.length
    ? await portalEntriesSince(org.id, new Date(previous.takenAt.getTime() - DRIFT_MARGIN_MS))
    : [];
  const external = changes.filter(
    (c) =>
      !portal.some((e) =>
        c.ids.some((id) => e.targetId === id || e.before?.includes(id) || e.after?.includes(id)),
      ),
  );
  // Readable labels for users: their email from the account host.
  for (const c of external) {
    if (c.target.type !== "user") continue;
    try {
      const user = await ezeepFor(org).users.get(c.target.id);
      c.target.label = user.email ?? c.target.id;
    } catch {
      // keep the id
    }
  }
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
    await chain.tx.driftSnapshot.update({ where: { organizationId: org.id }, data: { takenAt: now, data } });
  });
  return {
    firstSnapshot: false,
    recorded: external.length,
    explained: changes.length - external.length,
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
