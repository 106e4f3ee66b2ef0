// Assigning groups to a printer below the UI: PUT/DELETE of only the difference, serialized per
// printer so concurrent admins never drop each other's groups, every change and failed attempt in
// the audit log with before/after.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { Printer } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor } from "@/tests/helpers/portal";
import { invoke, printersSuite } from "@/tests/helpers/printers";
import { useSimulator } from "@/tests/helpers/simulator";

describe("printer assignments", () => {
  const sim = useSimulator();
  const { fixture, groupsOf, newGroup } = printersSuite(sim);
  let admin: OrgContext;
  let printers: Printer[];
  beforeAll(() => {
    ({ admin, printers } = fixture());
  });

  it("assigns and unassigns groups with PUT/DELETE of only the difference, each audited with before/after", async () => {
    const target = printers[4];
    const keep = await newGroup("Keep");
    const add = await newGroup("Add");
    await ezeepFor(admin.organization).assignments.assign(target.id, [keep.id]);
    sim().resetStats();

    const assigned = await invoke("printer.assign_groups", admin, {
      printerId: target.id,
      groupIds: [keep.id, add.id],
    });
    expect(assigned, JSON.stringify(assigned)).toMatchObject({
      ok: true,
      data: { changed: [{ id: add.id, name: add.name }] },
    });
    expect(sim().stats().byRoute["PUT /printing/v1/assignments/:id/"]).toBe(1);
    expect(await groupsOf(target.id)).toEqual(expect.arrayContaining([keep.id, add.id]));

    const entry = await db.auditEntry.findFirst({
      where: { action: "printer.assignment", targetId: target.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "success", targetLabel: target.name, actorId: admin.actor.id });
    expect(JSON.parse(entry!.before!).groups).toContain(keep.name);
    expect(JSON.parse(entry!.before!).groups).not.toContain(add.name);
    expect(JSON.parse(entry!.after!)).toMatchObject({ added: add.name });
    expect(JSON.parse(entry!.after!).groups).toContain(add.name);

    // Assigning an already assigned group changes nothing and calls no PUT.
    sim().resetStats();
    expect(
      await invoke("printer.assign_groups", admin, { printerId: target.id, groupIds: [add.id] }),
    ).toMatchObject({ ok: true, data: { changed: [] } });
    expect(sim().stats().byRoute["PUT /printing/v1/assignments/:id/"]).toBeUndefined();

    const removed = await invoke("printer.unassign_groups", admin, {
      printerId: target.id,
      groupIds: [add.id],
    });
    expect(removed).toMatchObject({ ok: true, data: { changed: [{ id: add.id }] } });
    const groups = await groupsOf(target.id);
    expect(groups).toContain(keep.id);
    expect(groups).not.toContain(add.id);
    const unassignEntry = await db.auditEntry.findFirst({
      where: { action: "printer.assignment", targetId: target.id },
      orderBy: { id: "desc" },
    });
    expect(unassignEntry).toMatchObject({ outcome: "success" });
    expect(JSON.parse(unassignEntry!.before!).groups).toContain(add.name);
    expect(JSON.parse(unassignEntry!.after!)).toMatchObject({ removed: add.name });
    expect(await db.auditEntry.count({ where: { outcome: "pending" } })).toBe(0);
  });

  it("keeps every assignment when several admins assign different groups to one printer at once", async () => {
    const target = printers[5];
    const admins = await Promise.all(
      ["owner", "admin", "admin", "owner", "admin", "admin"].map((role, i) =>
        contextFor(
          admin.organization,
          role as "owner" | "admin",
          `concurrent-${i}-${Math.random().toString(36).slice(2, 6)}@test.example`,
        ),
      ),
    );
    const groups = await Promise.all(admins.map(() => newGroup("Concurrent")));
    const before = await groupsOf(target.id);
    const results = await Promise.all(
      admins.map((ctx, i) =>
        invoke("printer.assign_groups", ctx, { printerId: target.id, groupIds: [groups[i].id] }),
      ),
    );
    expect(
      results.every((r) => r.ok),
      JSON.stringify(results),
    ).toBe(true);
    const after = await groupsOf(target.id);
    expect(after).toEqual(expect.arrayContaining([...before, ...groups.map((g) => g.id)]));

    // Serialized: each change saw the ones before it, so the "before" snapshots are all different.
    const entries = await db.auditEntry.findMany({
      where: { action: "printer.assignment", targetId: target.id },
      orderBy: { id: "asc" },
    });
    const last = entries.slice(-admins.length);
    expect(last.every((e) => e.outcome === "success")).toBe(true);
    expect(new Set(last.map((e) => e.before)).size).toBe(admins.length);
  });

  it("records a failure with ezeep's status when ezeep fails mid-way, and the other admins' assignments still land", async () => {
    const target = printers[6];
    const groups = await Promise.all([1, 2, 3].map(() => newGroup("Faulty")));
    // The first PUT (and its three retries) fails: one admin's change fails, the others go through.
    sim().faults.add({
      host: "api",
      method: "PUT",
      path: `/printing/v1/assignments/${target.id}/`,
      kind: "status",
      status: 503,
      times: 4,
    });
    const results = await Promise.all(
      groups.map((g) => invoke("printer.assign_groups", admin, { printerId: target.id, groupIds: [g.id] })),
    );
    const failed = results.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect((failed[0] as { error: string }).error).toMatch(/ezeep/i);
    const after = await groupsOf(target.id);
    expect(groups.filter((g) => after.includes(g.id))).toHaveLength(2);

    const entries = await db.auditEntry.findMany({
      where: { action: "printer.assignment", targetId: target.id },
      orderBy: { id: "asc" },
    });
    expect(entries.filter((e) => e.outcome === "failure")).toHaveLength(1);
    expect(entries.find((e) => e.outcome === "failure")).toMatchObject({ ezeepStatus: 503 });
    expect(entries.find((e) => e.outcome === "failure")!.error).toBeTruthy();
    expect(entries.filter((e) => e.outcome === "success")).toHaveLength(2);
  });

  it("records a failed unassign (DELETE) and leaves the group assigned", async () => {
    const target = printers[7];
    const group = await newGroup("Stays");
    await ezeepFor(admin.organization).assignments.assign(target.id, [group.id]);
    sim().faults.add({
      host: "api",
      method: "DELETE",
      path: `/printing/v1/assignments/${target.id}/`,
      kind: "status",
      status: 500,
    });
    const result = await invoke("printer.unassign_groups", admin, {
      printerId: target.id,
      groupIds: [group.id],
    });
    expect(result.ok).toBe(false);
    sim().faults.clear();
    expect(await groupsOf(target.id)).toContain(group.id);
    const entry = await db.auditEntry.findFirst({
      where: { action: "printer.assignment", targetId: target.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", ezeepStatus: 500 });
  });
});
