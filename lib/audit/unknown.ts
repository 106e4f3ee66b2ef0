// Entries whose outcome is "unknown" (ezeep did not answer a write and could not be read back at
// once) are reconciled again here: the invitation follow-up job calls `reconcileUnknownEntries`
// for each organization, and a create first settles what an earlier unknown attempt of it made
// (`settleEarlierAttempts`), so a retry never makes a second object. An unknown entry is settled
// when an entry with `reconcilesId` = its id exists (lib/audit/service.ts `settleUnknown`); the
// log itself is append-only, so nothing here changes an existing entry.
import "server-only";

import { reconcilerFor, type Observation } from "@/lib/audit/reconcilers";
import { settleUnknown, type AuditActor, type UnknownEntryRef } from "@/lib/audit/service";
import type { Actor, OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { moduleLogger } from "@/lib/observability/logger";

export const RECONCILE_ACTOR: Actor = { type: "system", id: null, label: "Reconciliation" };

/** After this long an entry that still cannot be decided gets a settling entry "unknown". */
export const SEAL_UNKNOWN_AFTER_MS = 24 * 60 * 60_000;

/** At most this many unknown entries per organization and run. */
const BATCH = 500;
const PAGE = 200;

type EntryRow = NonNullable<Awaited<ReturnType<typeof db.auditEntry.findFirst>>>;

export interface ReconcileSummary {
  applied: number;
  notApplied: number;
  stillUnknown: number;
  sealed: number;
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Reads ezeep back for one unknown entry; null when it cannot be decided now. */
async function observe(ctx: OrgContext, row: EntryRow): Promise<Observation | null> {
  const reconciler = reconcilerFor(row.action);
  if (!reconciler) return null;
  try {
    return await reconciler(ctx, {
      entryId: row.id,
      action: row.action,
      targetId: row.targetId,
      targetLabel: row.targetLabel,
      before: parse(row.before),
      intended: parse(row.after),
      at: row.at,
      actor: { id: row.actorId, label: row.actorLabel },
    });
  } catch (err) {
    moduleLogger("audit").warn({ err, entryId: row.id }, "still unknown: ezeep could not be read back");
    return null;
  }
}

function refOf(row: EntryRow): UnknownEntryRef {
  const actor: AuditActor = {
    type: row.actorType as AuditActor["type"],
    id: row.actorId,
    label: row.actorLabel,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
  };
  const { id, organizationId, action, targetType, targetId, targetLabel, ezeepStatus } = row;
  const before = parse(row.before);
  return { id, organizationId, action, targetType, targetId, targetLabel, actor, ezeepStatus, before };
}

async function settleRow(ctx: OrgContext, row: EntryRow, now: Date, summary: ReconcileSummary) {
  const observation = await observe(ctx, row);
  if (!observation && now.getTime() - row.at.getTime() < SEAL_UNKNOWN_AFTER_MS) {
    summary.stillUnknown++;
    return;
  }
  // null: another run settled it meanwhile.
  if ((await settleUnknown(refOf(row), observation, parse(row.after))) === null) return;
  // Sealed: given up after 24 h, or ezeep's answers cannot show it (settled "unknown" at once).
  if (!observation || observation.applied === null) summary.sealed++;
  else if (observation.applied) summary.applied++;
  else summary.notApplied++;
}

/** Unknown entries of one organization that no entry settles yet, oldest first. */
export async function unsettledUnknownEntries(
  organizationId: string,
  where: { action?: string; targetLabel?: string } = {},
  limit = BATCH,
): Promise<EntryRow[]> {
  const found: EntryRow[] = [];
  let afterId = 0;
  while (found.length < limit) {
    const rows = await db.auditEntry.findMany({
      where: { organizationId, outcome: "unknown", reconcilesId: null, id: { gt: afterId }, ...where },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1].id;
    const settled = await db.auditEntry.findMany({
      where: { reconcilesId: { in: rows.map((r) => r.id) } },
      select: { reconcilesId: true },
    });
    const settledIds = new Set(settled.map((s) => s.reconcilesId));
    found.push(...rows.filter((r) => !settledIds.has(r.id)));
  }
  return found.slice(0, limit);
}

/** Reconciles the unsettled "unknown" entries of one organization (oldest first, a bounded batch). */
export async function reconcileUnknownEntries(
  org: OrganizationRef,
  opts: { now?: Date; where?: { action?: string; targetLabel?: string } } = {},
): Promise<ReconcileSummary> {
  const now = opts.now ?? new Date();
  const rows = await unsettledUnknownEntries(org.id, opts.where);
  const ctx: OrgContext = { actor: RECONCILE_ACTOR, organization: org, role: null };
  const summary: ReconcileSummary = { applied: 0, notApplied: 0, stillUnknown: 0, sealed: 0 };
  for (const row of rows) await settleRow(ctx, row, now, summary);
  return summary;
}

/**
 * Before a create: settles earlier unknown attempts of the same action and target (e.g. the
 * same group name, the same invited address). Returns how many were found applied.
 */
export async function settleEarlierAttempts(
  org: OrganizationRef,
  action: string,
  targetLabel: string,
): Promise<ReconcileSummary> {
  return reconcileUnknownEntries(org, { where: { action, targetLabel } });
}
