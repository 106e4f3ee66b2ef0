// Entries left "unknown" (ezeep did not answer a write and could not be read back at once) are
// reconciled again here: the invitation follow-up job calls `reconcileUnknownEntries` for each
// organization, and a create first settles what an earlier unknown attempt of it made
// (`settleEarlierAttempts`), so a retry never makes a second object.
import "server-only";

import { reconcilerFor, type Observation } from "@/lib/audit/reconcilers";
import { AuditEntryClosedError, completeEntry, settleUnknown } from "@/lib/audit/service";
import type { Actor, OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";

export const RECONCILE_ACTOR: Actor = { type: "system", id: null, label: "Reconciliation" };

/** After this long an entry that still cannot be decided is sealed into the chain as "unknown". */
export const SEAL_UNKNOWN_AFTER_MS = 24 * 60 * 60_000;

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
    console.warn(`[audit] entry ${row.id} is still unknown: ezeep could not be read back`, err);
    return null;
  }
}

async function settleRow(ctx: OrgContext, row: EntryRow, now: Date, summary: ReconcileSummary) {
  const observation = await observe(ctx, row);
  try {
    if (observation) {
      await settleUnknown(row.id, observation, row.error, parse(row.after));
      if (observation.applied) summary.applied++;
      else summary.notApplied++;
      return;
    }
    if (now.getTime() - row.at.getTime() < SEAL_UNKNOWN_AFTER_MS) {
      summary.stillUnknown++;
      return;
    }
    await completeEntry(row.id, { outcome: "unknown", completedAt: null });
    summary.sealed++;
  } catch (err) {
    if (!(err instanceof AuditEntryClosedError)) throw err; // settled by someone else meanwhile
  }
}

/** Reconciles every "unknown" entry of one organization (oldest first, a bounded batch). */
export async function reconcileUnknownEntries(
  org: OrganizationRef,
  opts: { now?: Date; where?: { action?: string; targetLabel?: string } } = {},
): Promise<ReconcileSummary> {
  const now = opts.now ?? new Date();
  const rows = await db.auditEntry.findMany({
    where: { organizationId: org.id, outcome: "unknown", chainSeq: null, ...opts.where },
    orderBy: { id: "asc" },
    take: 500,
  });
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
