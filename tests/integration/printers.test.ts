// Printers end to end below the UI (docs/ezeep.md#printers-connectors-drivers): listing with
// server-side search, filters and pagination; the printer detail; assigning from the group side;
// effective printers of a user; errors explained. Assigning groups to a printer (serialized per
// printer, audited with before/after) is in printer-assignments.test.ts.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { Printer } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import {
  findPrinter,
  listEffectivePrinters,
  listGroupPrinters,
  listPrinters,
  listPrinterUsers,
} from "@/lib/printers/service";
import { invoke, printersSuite } from "@/tests/helpers/printers";
import { useSimulator } from "@/tests/helpers/simulator";

const query = (
  over: Partial<{ q: string; page: number; pageSize: number; connector: string; group: string }> = {},
) => ({
  q: "",
  page: 1,
  pageSize: 20,
  connector: "",
  group: "",
  ...over,
});

describe("printers", () => {
  const sim = useSimulator();
  const { fixture, newGroup } = printersSuite(sim);
  let admin: OrgContext;
  let printers: Printer[];
  beforeAll(() => {
    ({ admin, printers } = fixture());
  });

  it("lists every printer with connector, groups and driver, and paginates on the server", async () => {
    const all = await listPrinters(admin, query({ pageSize: 100 }));
    expect(all.total).toBe(printers.length);
    expect(all.items.map((p) => p.name)).toEqual(
      [...printers.map((p) => p.name)].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" })),
    );
    expect(all.items.every((p) => p.connectorName)).toBe(true);
    expect(all.items.some((p) => p.groups.length > 0)).toBe(true);
    expect(all.items.some((p) => p.groups.length === 0)).toBe(true);
    const withDriver = all.items.find((p) => p.autoDriverId && !p.manualDriverId)!;
    expect(withDriver.driver).toMatchObject({ manual: false, id: withDriver.autoDriverId });
    expect(withDriver.driver?.name).toBeTruthy(); // looked up in ezeep's catalogue by vendor
    expect(all.items.some((p) => p.driver === null)).toBe(true);
    expect(all.connectors.length).toBeGreaterThan(1);

    const page1 = await listPrinters(admin, query({ pageSize: 5 }));
    const page3 = await listPrinters(admin, query({ pageSize: 5, page: 3 }));
    expect(page1.items).toHaveLength(5);
    expect(page1.pageCount).toBe(Math.ceil(printers.length / 5));
    expect(page3.items[0].name).toBe(all.items[10].name);
    // A page past the end shows the last page.
    expect((await listPrinters(admin, query({ pageSize: 5, page: 99 }))).page).toBe(page1.pageCount);
  });

  it("filters by connector (?connector_id=) and by group (assignments ?group=), and searches", async () => {
    const connectorId = printers[0].connector_id!;
    const byConnector = await listPrinters(admin, query({ connector: connectorId, pageSize: 100 }));
    expect(byConnector.total).toBe(printers.filter((p) => p.connector_id === connectorId).length);
    expect(byConnector.items.every((p) => p.connectorId === connectorId)).toBe(true);

    const group = await newGroup("Filter");
    await ezeepFor(admin.organization).assignments.assign(printers[1].id, [group.id]);
    const byGroup = await listPrinters(admin, query({ group: group.id }));
    expect(byGroup.items.map((p) => p.id)).toEqual([printers[1].id]);
    expect(byGroup.items[0].groups.map((g) => g.name)).toContain(group.name);

    const needle = printers[2].name.slice(2, 9).toLowerCase();
    const searched = await listPrinters(admin, query({ q: needle.toUpperCase(), pageSize: 100 }));
    expect(searched.items.map((p) => p.id)).toContain(printers[2].id);
    expect(searched.items.every((p) => JSON.stringify(p).toLowerCase().includes(needle))).toBe(true);
    expect((await listPrinters(admin, query({ q: "zzz-no-such-printer" }))).total).toBe(0);
  });

  it("shows a printer's capabilities as ezeep reports them, its groups and who can print to it", async () => {
    const group = await newGroup("Detail");
    const target = printers[3];
    await ezeepFor(admin.organization).assignments.assign(target.id, [group.id]);
    // Put two users in the group.
    const users = await ezeepFor(admin.organization).printingUsers.all({ max: 2 });
    for (const u of users)
      await ezeepFor(admin.organization).printingUsers.setGroups(u.id, [
        ...u.groups.map((g) => g.group_id),
        group.id,
      ]);

    const detail = (await findPrinter(admin, target.id))!;
    expect(detail.capabilities).toMatchObject({
      supportedFormats: target.supported_formats,
      pnpId: target.pnp_id,
      status: target.status,
      autoDriverAssignmentState: target.auto_driver_assignment_state,
    });
    expect(detail.groups.map((g) => g.id)).toContain(group.id);
    const canPrint = await listPrinterUsers(admin, detail.groups);
    for (const u of users)
      expect(canPrint.find((c) => c.id === u.id)?.via.map((g) => g.id)).toContain(group.id);
    expect(canPrint.every((u) => u.email.includes("@"))).toBe(true);

    expect(await findPrinter(admin, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("assigns printers to a group from the group side and lists the group's printers", async () => {
    const group = await newGroup("Group side");
    const chosen = [printers[9].id, printers[10].id];
    const result = await invoke("printer.assign_to_group", admin, { groupId: group.id, printerIds: chosen });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { failed: [] } });
    expect((result as { ok: true; data: { changed: unknown[] } }).data.changed).toHaveLength(2);
    expect((await listGroupPrinters(admin, group.id)).map((p) => p.id).sort()).toEqual([...chosen].sort());
    // One audited change per printer.
    for (const id of chosen) {
      expect(
        await db.auditEntry.count({
          where: { action: "printer.assignment", targetId: id, outcome: "success" },
        }),
      ).toBeGreaterThan(0);
    }
    const removed = await invoke("printer.unassign_from_group", admin, {
      groupId: group.id,
      printerIds: [chosen[0]],
    });
    expect(removed).toMatchObject({ ok: true, data: { changed: [{ id: chosen[0] }] } });
    expect((await listGroupPrinters(admin, group.id)).map((p) => p.id)).toEqual([chosen[1]]);

    const missing = await invoke("printer.assign_to_group", admin, {
      groupId: "00000000-0000-4000-8000-000000000000",
      printerIds: chosen,
    });
    expect(missing).toMatchObject({ ok: false });
    expect((missing as { error: string }).error).toMatch(/not found/i);
  });

  it("lists a user's effective printers as the union over the user's groups, with the groups that give access", async () => {
    const a = await newGroup("Eff A");
    const b = await newGroup("Eff B");
    const [p1, p2, p3] = [printers[11], printers[12], printers[13]];
    await ezeepFor(admin.organization).assignments.assign(p1.id, [a.id]);
    await ezeepFor(admin.organization).assignments.assign(p2.id, [a.id, b.id]);
    await ezeepFor(admin.organization).assignments.assign(p3.id, [b.id]);
    const user = (await ezeepFor(admin.organization).printingUsers.all({ max: 5 }))[4];
    await ezeepFor(admin.organization).printingUsers.setGroups(user.id, [a.id, b.id]);

    const effective = await listEffectivePrinters(admin, user.id);
    expect(effective).toMatchObject({ hasPrintingProfile: true, groupCount: 2 });
    const byId = new Map(effective.printers.map((p) => [p.id, p]));
    expect(byId.get(p1.id)?.via.map((g) => g.name)).toEqual([a.name]);
    expect(
      byId
        .get(p2.id)
        ?.via.map((g) => g.name)
        .sort(),
    ).toEqual([a.name, b.name].sort());
    expect(byId.get(p3.id)?.via.map((g) => g.name)).toEqual([b.name]);
    expect(byId.get(p1.id)?.location).toBe(p1.location);
    expect(new Set(effective.printers.map((p) => p.id)).size).toBe(effective.printers.length);

    await ezeepFor(admin.organization).printingUsers.setGroups(user.id, []);
    expect(await listEffectivePrinters(admin, user.id)).toEqual({
      hasPrintingProfile: true,
      groupCount: 0,
      printers: [],
    });
    expect(await listEffectivePrinters(admin, "00000000-0000-4000-8000-000000000000")).toMatchObject({
      hasPrintingProfile: false,
    });
  });

  it.each([
    ["no groups", { printerId: "p", groupIds: [] }, "groupIds", "Choose at least one group."],
    ["a missing printer id", { groupIds: ["g"] }, "printerId", "A printer id is required."],
    [
      "groups that are not a list",
      { printerId: "p", groupIds: "g" },
      "groupIds",
      "Choose at least one group.",
    ],
  ])(
    "rejects %s with a specific message, changes nothing and records the refusal once",
    async (_label, input, field, message) => {
      const auditBefore = await db.auditEntry.count();
      const result = await invoke("printer.assign_groups", admin, input);
      expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [message] } });
      // The refusal is on record once (lib/auth/action.ts), nothing else is written.
      expect(await db.auditEntry.count()).toBe(auditBefore + 1);
      expect(await db.auditEntry.findFirst({ orderBy: { id: "desc" } })).toMatchObject({
        action: "printer.assignment",
        outcome: "failure",
      });
    },
  );

  it("recognises ezeep errors thrown by another server layer's copy of the client (Next.js production bundles)", async () => {
    // In a production build the cached client may come from another layer, whose EzeepError is a
    // different class carrying the same brand (lib/ezeep/errors.ts): simulate one.
    const foreign = (status: number) =>
      Object.assign(
        new Error(status === 404 ? "Not found." : "ezeep is unavailable (HTTP 503), try again in a moment."),
        {
          [Symbol.for("ezeep-admin-portal.EzeepError")]: true,
          name: "EzeepError",
          kind: "http",
          status,
          method: "GET",
          path: "/printing/v1/printers/x/",
          attempts: 1,
        },
      );
    const client = ezeepFor(admin.organization);
    const original = client.printers.get;
    try {
      client.printers.get = async () => {
        throw foreign(404);
      };
      expect(await findPrinter(admin, printers[0].id)).toBeNull();
      client.printers.get = async () => {
        throw foreign(503);
      };
      const { tryLoad } = await import("@/lib/ui/load");
      expect(await tryLoad(() => findPrinter(admin, printers[0].id))).toEqual({
        ok: false,
        error: "ezeep is unavailable (HTTP 503), try again in a moment.",
      });
    } finally {
      client.printers.get = original;
    }
  });

  it("reports an unknown printer as not found, and an ezeep outage while listing in words", async () => {
    const group = await newGroup("Nowhere");
    const result = await invoke("printer.assign_groups", admin, {
      printerId: "00000000-0000-4000-8000-000000000000",
      groupIds: [group.id],
    });
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: string }).error).toMatch(/printer was not found/i);

    sim().faults.add({
      host: "api",
      method: "GET",
      path: "/printing/v1/printers/",
      kind: "status",
      status: 400,
    });
    await expect(listPrinters(admin, query())).rejects.toMatchObject({ status: 400 });
  });
});
