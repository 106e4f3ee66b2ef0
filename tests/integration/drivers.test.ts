// Drivers (docs/ezeep.md#printers-connectors-drivers): vendor list, drivers of a vendor with server-side
// search, and setting a printer's driver with PATCH driver_id — shown back as the manual driver,
// audited with before/after, failures recorded with ezeep's status.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { listDrivers, listVendors, searchDrivers } from "@/lib/drivers/service";
import type { Printer } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { findPrinter } from "@/lib/printers/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/drivers/actions";
import "@/lib/printers/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);

describe("drivers", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let printers: Printer[];

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    admin = await contextFor(org, "admin");
    printers = await ezeepFor(org).printers.all();
  });
  beforeEach(() => sim().faults.clear());

  testActionAuthorization(sim, {
    "driver.search": async () => ({ vendor: "HP", q: "" }),
  });

  it("lists vendors (a plain array) and the drivers of one vendor, searched on the server", async () => {
    const vendors = await listVendors(admin);
    expect(vendors.length).toBeGreaterThan(3);
    expect(vendors).toEqual(
      [...vendors].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" })),
    );
    expect(vendors).toContain("HP");

    const hp = await searchDrivers(admin, { vendor: "HP", q: "", limit: 50 });
    expect(hp.total).toBeGreaterThan(1);
    expect(hp.items.every((d) => d.vendor === "HP")).toBe(true);
    const needle = hp.items[1].name.split(" ").slice(-2).join(" ");
    const searched = await searchDrivers(admin, { vendor: "HP", q: needle.toLowerCase(), limit: 50 });
    expect(searched.items.map((d) => d.id)).toContain(hp.items[1].id);
    expect(searched.items.every((d) => d.name.toLowerCase().includes(needle.toLowerCase()))).toBe(true);
    expect((await searchDrivers(admin, { vendor: "HP", q: "zzz-none", limit: 50 })).total).toBe(0);
    expect((await searchDrivers(admin, { vendor: "HP", q: "", limit: 1 })).items).toHaveLength(1);

    const page = await listDrivers(admin, { vendor: "hp", q: "", page: 1, pageSize: 20 });
    expect(page).toMatchObject({ vendor: "HP", total: hp.total });
    expect((await listDrivers(admin, { vendor: "", q: "", page: 1, pageSize: 20 })).items).toEqual([]);
  });

  it("validates the driver search input", async () => {
    expect(await invoke("driver.search", admin, { vendor: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { vendor: ["Choose a vendor."] },
    });
  });

  it("sets a printer's driver with PATCH driver_id, shows it back as the manual driver and audits before/after", async () => {
    const printer = printers.find((p) => !p.manual_driver_id)!;
    const [driver] = (await searchDrivers(admin, { vendor: "Canon", q: "", limit: 5 })).items;
    sim().resetStats();
    const result = await invoke("printer.set_driver", admin, {
      printerId: printer.id,
      driverId: driver.id,
      vendor: "Canon",
    });
    expect(result, JSON.stringify(result)).toMatchObject({
      ok: true,
      data: { changed: true, manualDriver: { id: driver.id, name: driver.name, manual: true } },
    });
    expect(sim().stats().byRoute["PATCH /printing/v1/printers/:id/"]).toBe(1);

    const detail = (await findPrinter(admin, printer.id))!;
    expect(detail.manualDriver).toMatchObject({ id: driver.id, name: driver.name, vendor: "Canon" });
    expect(detail.driver).toMatchObject({ id: driver.id, manual: true });
    expect(detail.autoDriverId).toBe(printer.driver_id ?? null); // ezeep's automatic choice is kept

    const entry = await db.auditEntry.findFirst({
      where: { action: "printer.set_driver", targetId: printer.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "success", targetLabel: printer.name });
    expect(JSON.parse(entry!.before!)).toEqual({ manualDriver: "none", manualDriverId: null });
    expect(JSON.parse(entry!.after!)).toEqual({
      manualDriver: `${driver.name} (Canon)`,
      manualDriverId: driver.id,
    });

    // Changing it again records the old one as "before"; clearing it goes back to automatic.
    const [other] = (await searchDrivers(admin, { vendor: "HP", q: "", limit: 5 })).items;
    expect(
      await invoke("printer.set_driver", admin, { printerId: printer.id, driverId: other.id, vendor: "HP" }),
    ).toMatchObject({ ok: true });
    const changed = await db.auditEntry.findFirst({
      where: { action: "printer.set_driver", targetId: printer.id },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(changed!.before!)).toMatchObject({ manualDriverId: driver.id });
    expect(
      await invoke("printer.set_driver", admin, { printerId: printer.id, driverId: null }),
    ).toMatchObject({ ok: true, data: { manualDriver: null } });
    expect((await ezeepFor(admin.organization).printers.get(printer.id)).manual_driver_id).toBeNull();

    // Setting the driver it already has changes nothing and writes no entry.
    const count = await db.auditEntry.count({ where: { action: "printer.set_driver" } });
    expect(
      await invoke("printer.set_driver", admin, { printerId: printer.id, driverId: null }),
    ).toMatchObject({ ok: true, data: { changed: false } });
    expect(await db.auditEntry.count({ where: { action: "printer.set_driver" } })).toBe(count);
  });

  it("refuses a driver that is not in the vendor's list, with words a person can act on", async () => {
    const printer = printers[0];
    const result = await invoke("printer.set_driver", admin, {
      printerId: printer.id,
      driverId: "00000000-0000-4000-8000-00000000dead",
      vendor: "HP",
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { driverId: ["Choose a driver from the list."] },
    });
    // Without a vendor the portal asks ezeep, which refuses it (400 driver_id): recorded as a failure.
    const direct = await invoke("printer.set_driver", admin, {
      printerId: printer.id,
      driverId: "00000000-0000-4000-8000-00000000dead",
    });
    expect(direct.ok).toBe(false);
    expect((direct as { error: string }).error).toMatch(/object does not exist|driver/i);
    const entry = await db.auditEntry.findFirst({
      where: { action: "printer.set_driver", targetId: printer.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", ezeepStatus: 400 });
  });

  it("records an ezeep failure on PATCH with its status and leaves the driver unchanged", async () => {
    const printer = printers[1];
    const [driver] = (await searchDrivers(admin, { vendor: "HP", q: "", limit: 5 })).items;
    sim().faults.add({
      host: "api",
      method: "PATCH",
      path: `/printing/v1/printers/${printer.id}/`,
      kind: "status",
      status: 502,
    });
    const result = await invoke("printer.set_driver", admin, {
      printerId: printer.id,
      driverId: driver.id,
      vendor: "HP",
    });
    expect(result.ok).toBe(false);
    expect((result as { error: string }).error).toMatch(/ezeep/i);
    sim().faults.clear();
    expect((await ezeepFor(admin.organization).printers.get(printer.id)).manual_driver_id).toBe(
      printer.manual_driver_id ?? null,
    );
    const entry = await db.auditEntry.findFirst({
      where: { action: "printer.set_driver", targetId: printer.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", ezeepStatus: 502 });
  });

  it("tells the admin in words when ezeep's driver catalogue is unreachable", async () => {
    sim().faults.add({ host: "api", path: "/printing/v1/drivers/", kind: "status", status: 404 });
    const result = await invoke("driver.search", admin, { vendor: "HP" });
    expect(result.ok).toBe(false);
    expect((result as { error: string }).error).not.toMatch(/Error:|at .*\.ts/);
  });
});
