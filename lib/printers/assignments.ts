// Printer ↔ group assignments, from the printer side and from the group side (one mechanism).
//
// ezeep does not say whether `PUT /printing/v1/assignments/<printer>/` replaces the printer's
// group list or adds the named groups to it (docs/ezeep.md, assignments). The portal is correct
// under both readings: under the per-printer lock it re-reads the printer's groups and sends ONE
// PUT carrying the printer's whole intended list (the groups it has plus the new ones) — replace
// makes that the list, add leaves the same list. Removal is a DELETE naming only the removed
// groups. So a printer never ends with fewer groups than before or than intended, whether the
// write succeeds, fails, or its answer is lost; another admin's change meanwhile is never dropped.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { mapPool } from "@/lib/concurrency";
import { UserFacingError } from "@/lib/errors";
import { EzeepError } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { withKeyLock } from "@/lib/locks";
import { moduleLogger } from "@/lib/observability/logger";
import { ezeepFor } from "@/lib/organizations/service";
import { findRawPrinter, readAssignments } from "@/lib/printers/reading";
import { byName, toGroupRefs, type GroupRefView } from "@/lib/printers/views";

import "@/lib/printers/reconcile";

export interface AssignmentChange {
  printerId: string;
  printerName: string;
  /** The groups actually added or removed (already assigned / not assigned ones are skipped). */
  changed: GroupRefView[];
  groups: GroupRefView[];
}

/** The lock every change of one printer's groups takes (shared by both sides). */
export function printerLockKey(org: OrganizationRef, printerId: string): string {
  return `printer:${org.id}:${printerId}`;
}

/** What the audit log keeps of a printer's groups: names (the change line shows them) and ids. */
export function groupsSnapshot(groups: readonly GroupRefView[]): { groups: string; groupIds: string[] } {
  const sorted = [...groups].sort(byName);
  return { groups: sorted.map((g) => g.name).join(", "), groupIds: sorted.map((g) => g.id) };
}

function changedSnapshot(key: "added" | "removed", groups: readonly GroupRefView[]) {
  return {
    [key]: groupsSnapshot(groups).groups,
    changedGroups: groups.map((g) => ({ id: g.id, name: g.name })),
  };
}

async function groupRefs(ctx: OrgContext, ids: string[]): Promise<GroupRefView[]> {
  return mapPool(ids, 4, async (id) => {
    try {
      const g = await ezeepFor(ctx.organization).groups.get(id);
      return { id: g.id, name: g.name, foreignId: g.origin?.foreign_id ?? null };
    } catch (err) {
      if (err instanceof EzeepError && err.status === 404)
        throw new UserFacingError((await translator("printers"))("errors.groupNotFound"));
      throw err;
    }
  });
}

/** The printer's name and groups as ezeep has them now (read inside the lock). */
export async function currentAssignments(
  ctx: OrgContext,
  printerId: string,
): Promise<{ name: string; groups: GroupRefView[] }> {
  const a = await readAssignments(ctx, printerId);
  if (a) return { name: a.printer_name || printerId, groups: toGroupRefs(a) };
  // Not listed: either no such printer or ezeep omits unassigned ones.
  const printer = await findRawPrinter(ctx, printerId);
  if (!printer) throw new UserFacingError((await translator("printers"))("errors.printerNotFound"));
  return { name: printer.name, groups: [] };
}

/** Adds groups to a printer: one PUT with the printer's whole intended list. */
export async function assignGroups(
  ctx: OrgContext,
  input: { printerId: string; groupIds: string[] },
): Promise<AssignmentChange> {
  const { printerId } = input;
  return withKeyLock(
    printerLockKey(ctx.organization, printerId),
    async () => {
      const before = await currentAssignments(ctx, printerId);
      const have = new Set(before.groups.map((g) => g.id));
      const toAdd = [...new Set(input.groupIds)].filter((id) => !have.has(id));
      if (toAdd.length === 0)
        return { printerId, printerName: before.name, changed: [], groups: before.groups };
      const adding = await groupRefs(ctx, toAdd);
      const intended = [...before.groups, ...adding];
      return audited(ctx, {
        action: "printer.assignment",
        target: { type: "printer", id: printerId, label: before.name },
        before: groupsSnapshot(before.groups),
        intended: { ...groupsSnapshot(intended), ...changedSnapshot("added", adding) },
        run: async () => {
          const answer = await ezeepFor(ctx.organization).assignments.assign(
            printerId,
            intended.map((g) => g.id),
          );
          const after = toGroupRefs(answer);
          const result = { printerId, printerName: before.name, changed: adding, groups: after };
          return { result, after: { ...groupsSnapshot(after), ...changedSnapshot("added", adding) } };
        },
      });
    },
    { busyMessage: (await translator("printers"))("errors.busy") },
  );
}

/** Removes groups from a printer: DELETE naming only groups that are assigned now. */
export async function unassignGroups(
  ctx: OrgContext,
  input: { printerId: string; groupIds: string[] },
): Promise<AssignmentChange> {
  const { printerId } = input;
  return withKeyLock(
    printerLockKey(ctx.organization, printerId),
    async () => {
      const before = await currentAssignments(ctx, printerId);
      const wanted = new Set(input.groupIds);
      const removing = before.groups.filter((g) => wanted.has(g.id));
      if (removing.length === 0)
        return { printerId, printerName: before.name, changed: [], groups: before.groups };
      const remaining = before.groups.filter((g) => !wanted.has(g.id));
      return audited(ctx, {
        action: "printer.assignment",
        target: { type: "printer", id: printerId, label: before.name },
        before: groupsSnapshot(before.groups),
        intended: { ...groupsSnapshot(remaining), ...changedSnapshot("removed", removing) },
        run: async () => {
          await ezeepFor(ctx.organization).assignments.unassign(
            printerId,
            removing.map((g) => g.id),
          );
          const result = { printerId, printerName: before.name, changed: removing, groups: remaining };
          return { result, after: { ...groupsSnapshot(remaining), ...changedSnapshot("removed", removing) } };
        },
      });
    },
    { busyMessage: (await translator("printers"))("errors.busy") },
  );
}

export interface GroupPrintersChange {
  groupId: string;
  changed: { id: string; name: string }[];
  failed: { id: string; name: string; error: string }[];
}

type PrinterOutcome =
  | { ok: true; id: string; name: string; changed: boolean }
  | { ok: false; id: string; name: string; error: string };

async function failureMessage(err: unknown): Promise<string> {
  if (err instanceof EzeepError || err instanceof UserFacingError) return err.message;
  moduleLogger("printers").error({ err }, "group change failed");
  return (await translator("printers"))("errors.serverError");
}

/**
 * From the group side: the same change as from the printer side, once per printer (each its own
 * locked read-modify-write and audit entry). Every printer is tried; failures are reported together.
 */
async function changeGroupPrinters(
  ctx: OrgContext,
  input: { groupId: string; printerIds: string[] },
  change: typeof assignGroups,
): Promise<GroupPrintersChange> {
  const [group] = await groupRefs(ctx, [input.groupId]);
  const outcomes = await mapPool(input.printerIds, 4, async (printerId): Promise<PrinterOutcome> => {
    try {
      const r = await change(ctx, { printerId, groupIds: [group.id] });
      return { ok: true, id: printerId, name: r.printerName, changed: r.changed.length > 0 };
    } catch (err) {
      return { ok: false, id: printerId, name: printerId, error: await failureMessage(err) };
    }
  });
  const failed = outcomes.flatMap((o) => (o.ok ? [] : [{ id: o.id, name: o.name, error: o.error }]));
  if (failed.length === input.printerIds.length) throw new UserFacingError(failed[0].error);
  return {
    groupId: group.id,
    changed: outcomes.flatMap((o) => (o.ok && o.changed ? [{ id: o.id, name: o.name }] : [])),
    failed,
  };
}

export function assignPrintersToGroup(ctx: OrgContext, input: { groupId: string; printerIds: string[] }) {
  return changeGroupPrinters(ctx, input, assignGroups);
}

export function unassignPrintersFromGroup(ctx: OrgContext, input: { groupId: string; printerIds: string[] }) {
  return changeGroupPrinters(ctx, input, unassignGroups);
}
