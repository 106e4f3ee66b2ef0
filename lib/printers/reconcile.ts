// After a lost answer (docs/ezeep.md, unknown outcomes): reads a printer's groups or driver back
// from ezeep and says whether the change landed. Registered for the audit actions it decides.
import "server-only";

import { objectOf, registerReconciler, type UnknownChange } from "@/lib/audit/reconcilers";
import type { OrgContext } from "@/lib/auth/context";
import { findRawPrinter, readAssignments } from "@/lib/printers/reading";
import { byName, toGroupRefs, type GroupRefView } from "@/lib/printers/views";

function changedGroups(intended: Record<string, unknown> | null): GroupRefView[] {
  const list = Array.isArray(intended?.changedGroups) ? intended.changedGroups : [];
  return list.flatMap((g) => {
    const o = objectOf(g);
    return typeof o?.id === "string" ? [{ id: o.id, name: String(o.name ?? o.id), foreignId: null }] : [];
  });
}

async function observedGroups(ctx: OrgContext, printerId: string): Promise<GroupRefView[]> {
  return toGroupRefs((await readAssignments(ctx, printerId)) ?? undefined);
}

function groupsObserved(groups: GroupRefView[]) {
  const sorted = [...groups].sort(byName);
  return { groups: sorted.map((g) => g.name).join(", "), groupIds: sorted.map((g) => g.id) };
}

/** Assign: applied when every added group is on the printer; the PUT carried them all at once. */
async function reconcileAssign(ctx: OrgContext, change: UnknownChange) {
  const printerId = change.targetId ?? "";
  const intended = objectOf(change.intended);
  const added = changedGroups(intended);
  const now = await observedGroups(ctx, printerId);
  const has = new Set(now.map((g) => g.id));
  const observed = { ...groupsObserved(now), added: intended?.added ?? null };
  if (!added.every((g) => has.has(g.id))) return { applied: false as const, observed };
  const result = { printerId, printerName: change.targetLabel ?? printerId, changed: added, groups: now };
  return { applied: true as const, result, observed };
}

/** Unassign: applied when none of the removed groups is on the printer any more. */
async function reconcileUnassign(ctx: OrgContext, change: UnknownChange) {
  const printerId = change.targetId ?? "";
  const intended = objectOf(change.intended);
  const removed = changedGroups(intended);
  const now = await observedGroups(ctx, printerId);
  const has = new Set(now.map((g) => g.id));
  const observed = { ...groupsObserved(now), removed: intended?.removed ?? null };
  if (removed.some((g) => has.has(g.id))) return { applied: false as const, observed };
  const result = { printerId, printerName: change.targetLabel ?? printerId, changed: removed, groups: now };
  return { applied: true as const, result, observed };
}

/** Driver: applied when ezeep shows the intended manual driver (null = none). */
async function reconcileDriver(ctx: OrgContext, change: UnknownChange) {
  const printerId = change.targetId ?? "";
  const intended = objectOf(change.intended);
  const wanted = typeof intended?.manualDriverId === "string" ? intended.manualDriverId : null;
  const printer = await findRawPrinter(ctx, printerId);
  const manualId = printer?.manual_driver_id ?? null;
  const observed = { manualDriverId: manualId, printer: printer ? "exists" : "deleted" };
  if (!printer || manualId !== wanted) return { applied: false as const, observed };
  const manualDriver = manualId ? { id: manualId, name: null, vendor: null, manual: true } : null;
  const result = { printerId, printerName: printer.name, manualDriver, changed: true };
  return { applied: true as const, result, observed };
}

/** One audit action for both directions: the intended change says which it was. */
async function reconcileAssignment(ctx: OrgContext, change: UnknownChange) {
  return objectOf(change.intended)?.removed ? reconcileUnassign(ctx, change) : reconcileAssign(ctx, change);
}

registerReconciler("printer.assignment", reconcileAssignment);
// Entries written before the action names were unified.
registerReconciler("printer.assign_groups", reconcileAssign);
registerReconciler("printer.unassign_groups", reconcileUnassign);
registerReconciler("printer.set_driver", reconcileDriver);
