// Groups end to end below the UI: server action → service → ezeep (simulator) → audit log.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { listGroups, summarizeGroups } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);

describe("groups", () => {
  const sim = useSimulator();
  let admin: OrgContext;

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    admin = await contextFor(org, "admin");
  });
  beforeEach(() => sim().faults.clear());

  async function ezeepGroupCount() {
    let n = 0;
    for await (const _ of ezeepFor(admin.organization).groups.iterate()) n++;
    return n;
  }

  it("creates, edits and deletes a group, each with a completed audit entry holding before/after", async () => {
    const created = await invoke("group.create", admin, {
      name: "  Finance Ops  ",
      description: "Accounts team",
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const group = (created as { ok: true; data: { id: string; name: string } }).data;
    expect(group.name).toBe("Finance Ops");

    const updated = await invoke("group.update", admin, {
      id: group.id,
      name: "Finance Ops EU",
      description: "Accounts team",
    });
    expect(updated).toMatchObject({ ok: true, data: { name: "Finance Ops EU" } });

    const deleted = await invoke("group.delete", admin, { id: group.id });
    expect(deleted).toMatchObject({ ok: true, data: { id: group.id } });
    await expect(ezeepFor(admin.organization).groups.get(group.id)).rejects.toMatchObject({ status: 404 });

    const entries = await db.auditEntry.findMany({ where: { targetId: group.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([
      ["group.create", "success"],
      ["group.update", "success"],
      ["group.delete", "success"],
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({
        organizationId: admin.organization.id,
        actorId: admin.actor.id,
        actorLabel: admin.actor.label,
      });
      expect(e.completedAt).not.toBeNull();
    }
    expect(JSON.parse(entries[1].before!)).toMatchObject({ name: "Finance Ops" });
    expect(JSON.parse(entries[1].after!)).toMatchObject({ name: "Finance Ops EU" });
    expect(JSON.parse(entries[2].before!)).toMatchObject({ name: "Finance Ops EU" });
  });

  it.each([
    ["an empty name", { name: "   ", description: "" }, "name", "Enter a group name."],
    ["a missing name", { description: "x" }, "name", "Enter a group name."],
    [
      "a name over 255 characters",
      { name: "x".repeat(256), description: "" },
      "name",
      "Use at most 255 characters for the name.",
    ],
    [
      "a description over 255 characters",
      { name: "ok", description: "d".repeat(256) },
      "description",
      "Use at most 255 characters for the description.",
    ],
  ])(
    "rejects %s with a specific message, changes nothing and records the refusal once",
    async (_label, input, field, message) => {
      const groupsBefore = await ezeepGroupCount();
      const auditBefore = await db.auditEntry.count();
      const result = await invoke("group.create", admin, input);
      expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [message] } });
      expect(await ezeepGroupCount()).toBe(groupsBefore);
      expect(await db.auditEntry.count()).toBe(auditBefore + 1);
      const refusal = await db.auditEntry.findFirst({ orderBy: { id: "desc" } });
      expect(refusal).toMatchObject({ action: "group.create", outcome: "failure", actorId: admin.actor.id });
      expect(refusal?.error).toContain(`invalid input: ${message}`);
    },
  );

  it("records a failed ezeep call as a failed audit entry and tells the admin what happened", async () => {
    sim().faults.add({
      host: "api",
      method: "POST",
      path: "/printing/v1/groups/",
      kind: "status",
      status: 503,
      times: 1,
    });
    const result = await invoke("group.create", admin, { name: "Will fail", description: "" });
    expect(result.ok).toBe(false);
    const error = (result as { error: string }).error;
    expect(error).toMatch(/ezeep/i);
    expect(error).not.toMatch(/at .*\.ts|Error:/); // no stack trace
    const entry = await db.auditEntry.findFirst({
      where: { action: "group.create", targetLabel: "Will fail" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", ezeepStatus: 503 });
    expect(entry!.error).toBeTruthy();
    // POST is not retried (not idempotent): exactly one attempt reached ezeep, nothing was created.
    const names: string[] = [];
    for await (const g of ezeepFor(admin.organization).groups.iterate()) names.push(g.name);
    expect(names).not.toContain("Will fail");
  });

  it("reports a group deleted meanwhile as not found, without an audit entry for a change that never started", async () => {
    const result = await invoke("group.update", admin, {
      id: "00000000-0000-4000-8000-000000000000",
      name: "x",
      description: "",
    });
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: string }).error).toMatch(/not found/i);
  });

  it("keeps Azure AD groups' names: renaming is refused with a reason", async () => {
    const [azure] = sim().addAzureGroups(sim().organizationId, [{ name: "AAD Sales", foreignId: "aad-123" }]);
    const result = await invoke("group.update", admin, { id: azure.id, name: "Renamed", description: "" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Azure AD groups keep their Azure AD name."] },
    });
    const described = await invoke("group.update", admin, {
      id: azure.id,
      name: "AAD Sales",
      description: "Synced",
    });
    expect(described).toMatchObject({ ok: true, data: { description: "Synced", origin: "azure" } });
  });

  it("searches and paginates on the server across all of ezeep's pages", async () => {
    for (let i = 0; i < 25; i++) {
      const r = await invoke("group.create", admin, {
        name: `Paging ${String(i).padStart(2, "0")}`,
        description: "",
      });
      expect(r.ok).toBe(true);
    }
    const page1 = await listGroups(admin, { q: "paging", page: 1, pageSize: 10, origin: "all" });
    const page3 = await listGroups(admin, { q: "paging", page: 3, pageSize: 10, origin: "all" });
    expect(page1.total).toBe(25);
    expect(page1.pageCount).toBe(3);
    expect(page1.items.map((g) => g.name)[0]).toBe("Paging 00");
    expect(page3.items.map((g) => g.name)).toEqual([
      "Paging 20",
      "Paging 21",
      "Paging 22",
      "Paging 23",
      "Paging 24",
    ]);
    const azureOnly = await listGroups(admin, { q: "", page: 1, pageSize: 100, origin: "azure" });
    expect(azureOnly.items.every((g) => g.origin === "azure")).toBe(true);
    expect(azureOnly.items.length).toBeGreaterThan(0);
  });

  it("shows member and printer counts from ezeep, and sums them over every page", async () => {
    const all = await listGroups(admin, { q: "", page: 1, pageSize: 5, origin: "all" });
    expect(all.items.some((g) => g.members > 0)).toBe(true);
    expect(all.items.some((g) => g.printers > 0)).toBe(true);
    const everyGroup: { members: number; azure: boolean }[] = [];
    for await (const g of ezeepFor(admin.organization).groups.iterate()) {
      everyGroup.push({ members: g.num_members ?? 0, azure: g.origin?.provider === "Azure" });
    }
    expect(await summarizeGroups(admin)).toEqual({
      total: everyGroup.length,
      azure: everyGroup.filter((g) => g.azure).length,
      memberships: everyGroup.reduce((n, g) => n + g.members, 0),
    });
  });

  it("records 20 concurrent creates as 20 completed audit entries", async () => {
    const before = await db.auditEntry.count({ where: { action: "group.create", outcome: "success" } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        invoke("group.create", admin, { name: `Concurrent ${i}`, description: "" }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.auditEntry.count({ where: { action: "group.create", outcome: "success" } })).toBe(
      before + 20,
    );
    expect(await db.auditEntry.count({ where: { outcome: "pending" } })).toBe(0);
  });
});
