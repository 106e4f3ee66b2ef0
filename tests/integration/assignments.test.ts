// Printer ↔ group assignments under BOTH readings of ezeep's PUT (it may add the named groups or
// replace the list with them; docs/ezeep.md). One PUT carries the printer's whole intended list,
// removal is a DELETE naming only the removed group, from the printer side and the group side
// alike. A write that fails midway leaves exactly the old groups or exactly the new list.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assignedGroupIds, type Printer } from "@/lib/ezeep";
import type { FaultRule } from "@/lib/ezeep-simulator";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/printers/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
const sorted = (ids: string[]) => [...ids].sort();

const sim = useSimulator();
let admin: OrgContext;
let printers: Printer[];
let next = 0;

beforeAll(async () => {
  const org = await portalOrganization(sim().organizationId);
  admin = await contextFor(org, "admin");
  printers = await ezeepFor(org).printers.all();
});

describe.each(["add", "replace"] as const)("assignments when ezeep's PUT means %s", (reading) => {
  beforeAll(() => {
    sim().setBehaviour({ assignmentPut: reading });
  });
  beforeEach(() => sim().faults.clear());

  async function groupsOf(printerId: string): Promise<string[]> {
    for await (const a of ezeepFor(admin.organization).assignments.iterate())
      if (a.printer_id === printerId) return sorted(assignedGroupIds(a));
    return [];
  }
  /** A printer of its own for each test, starting with exactly `count` fresh groups. */
  async function printerWithGroups(count: number) {
    const printer = printers[next++ % printers.length];
    const current = await groupsOf(printer.id);
    if (current.length) await ezeepFor(admin.organization).assignments.unassign(printer.id, current);
    const groups = [];
    for (let i = 0; i < count; i++)
      groups.push(await createGroup(admin, { name: unique("Old"), description: "" }));
    await ezeepFor(admin.organization).assignments.assign(
      printer.id,
      groups.map((g) => g.id),
    );
    expect(await groupsOf(printer.id)).toEqual(sorted(groups.map((g) => g.id)));
    return { printer, old: groups.map((g) => g.id) };
  }
  const newGroup = () => createGroup(admin, { name: unique("New"), description: "" });
  const putFault = (printerId: string, rule: Partial<FaultRule>) =>
    sim().faults.add({
      host: "api",
      method: "PUT",
      path: `/printing/v1/assignments/${printerId}/`,
      kind: "status",
      ...rule,
    });

  it("adds a group with one PUT of the whole intended list and keeps the groups the printer had", async () => {
    const { printer, old } = await printerWithGroups(2);
    const added = await newGroup();
    sim().resetStats();
    const result = await invoke("printer.assign_groups", admin, {
      printerId: printer.id,
      groupIds: [added.id],
    });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { changed: [{ id: added.id }] } });
    expect(sim().stats().byRoute["PUT /printing/v1/assignments/:id/"]).toBe(1);
    expect(await groupsOf(printer.id)).toEqual(sorted([...old, added.id]));
    const entry = await db.auditEntry.findFirst({
      where: { action: "printer.assignment", targetId: printer.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(sorted(JSON.parse(entry!.after!).groupIds)).toEqual(sorted([...old, added.id]));
  });

  it("removes a group with a DELETE naming only that group", async () => {
    const { printer, old } = await printerWithGroups(3);
    sim().resetStats();
    const result = await invoke("printer.unassign_groups", admin, {
      printerId: printer.id,
      groupIds: [old[1]],
    });
    expect(result).toMatchObject({ ok: true, data: { changed: [{ id: old[1] }] } });
    expect(sim().stats().byRoute["PUT /printing/v1/assignments/:id/"]).toBeUndefined();
    expect(await groupsOf(printer.id)).toEqual(sorted([old[0], old[2]]));
  });

  it("keeps every group when several admins assign different groups to one printer at once", async () => {
    const { printer, old } = await printerWithGroups(1);
    const groups = await Promise.all([1, 2, 3, 4].map(() => newGroup()));
    const results = await Promise.all(
      groups.map((g) => invoke("printer.assign_groups", admin, { printerId: printer.id, groupIds: [g.id] })),
    );
    expect(
      results.every((r) => r.ok),
      JSON.stringify(results),
    ).toBe(true);
    expect(await groupsOf(printer.id)).toEqual(sorted([...old, ...groups.map((g) => g.id)]));
  });

  it("assigns from the group side through the same mechanism: other groups of each printer stay", async () => {
    const a = await printerWithGroups(2);
    const b = await printerWithGroups(1);
    const group = await newGroup();
    const result = await invoke("printer.assign_to_group", admin, {
      groupId: group.id,
      printerIds: [a.printer.id, b.printer.id],
    });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(await groupsOf(a.printer.id)).toEqual(sorted([...a.old, group.id]));
    expect(await groupsOf(b.printer.id)).toEqual(sorted([...b.old, group.id]));
    const removed = await invoke("printer.unassign_from_group", admin, {
      groupId: group.id,
      printerIds: [a.printer.id],
    });
    expect(removed).toMatchObject({ ok: true });
    expect(await groupsOf(a.printer.id)).toEqual(sorted(a.old));
  });

  it("a write that fails before ezeep applies it leaves exactly the old groups", async () => {
    const { printer, old } = await printerWithGroups(2);
    const added = await newGroup();
    putFault(printer.id, { status: 500 });
    const result = await invoke("printer.assign_groups", admin, {
      printerId: printer.id,
      groupIds: [added.id],
    });
    expect(result.ok).toBe(false);
    sim().faults.clear();
    expect(await groupsOf(printer.id)).toEqual(sorted(old));
    const entry = await db.auditEntry.findFirst({
      where: { action: "printer.assignment", targetId: printer.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", ezeepStatus: 500 });
  });

  it.each([
    ["the connection drops", { kind: "reset" }],
    ["the gateway answers 504", { kind: "status", status: 504 }],
  ] as const)(
    "a write applied by ezeep whose answer is lost (%s) leaves exactly the new list, audited as applied",
    async (_label, fault) => {
      const { printer, old } = await printerWithGroups(2);
      const added = await newGroup();
      putFault(printer.id, { ...fault, afterApply: true, times: 10 }); // every retry of the PUT too
      const result = await invoke("printer.assign_groups", admin, {
        printerId: printer.id,
        groupIds: [added.id],
      });
      sim().faults.clear();
      expect(result, JSON.stringify(result)).toMatchObject({
        ok: true,
        data: { changed: [{ id: added.id }] },
      });
      expect(await groupsOf(printer.id)).toEqual(sorted([...old, added.id]));
      const entry = await db.auditEntry.findFirst({
        where: { action: "printer.assignment", targetId: printer.id },
        orderBy: { id: "desc" },
      });
      expect(entry).toMatchObject({ outcome: "success" });
      // A settling entry: the attempt itself was completed "unknown" when the answer was lost.
      const unknown = await db.auditEntry.findUnique({ where: { id: entry!.reconcilesId! } });
      expect(unknown).toMatchObject({ outcome: "unknown", targetId: printer.id });
      const after = JSON.parse(entry!.after!);
      expect(after.readBack).toMatch(/did not answer.*applied/);
      expect(sorted(after.groupIds)).toEqual(sorted([...old, added.id]));
    },
  );
});
