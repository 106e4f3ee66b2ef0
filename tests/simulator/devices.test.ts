// Assignments (§3.6), printers (§3.7), connectors (§3.8), drivers (§3.9).
import { beforeEach, describe, expect, it } from "vitest";

import type { Connector, Driver, Group, Page, Printer, PrinterAssignments } from "@/lib/ezeep-simulator";

import { call, ccToken, useSim, type Json } from "./helpers";

const { sim } = useSim({ seed: "demo" });
let tok = "";
beforeEach(async () => {
  sim().reset("demo");
  tok = await ccToken(sim());
});

const get = <T = Json>(path: string) => call<T>(sim(), tok, "GET", path);
const send = <T = Json>(method: string, path: string, body?: unknown) =>
  call<T>(sim(), tok, method, path, body);
const groupsOf = (a: PrinterAssignments) => a.assignments.flatMap((x) => x.groups.map((g) => g.group_id));

async function all<T>(path: string): Promise<T[]> {
  return (await get<Page<T>>(`${path}${path.includes("?") ? "&" : "?"}limit=100`)).body.results;
}

describe("assignments", () => {
  it("§3.6 list: one item per printer; unassigned printers have assignments []", async () => {
    const items = await all<PrinterAssignments>("/printing/v1/assignments/");
    expect(items).toHaveLength(15);
    expect(items.some((p) => p.assignments.length === 0)).toBe(true);
    const withGroups = items.find((p) => p.assignments.length > 0) as PrinterAssignments;
    expect(withGroups.assignments[0]).toEqual({
      settings: null,
      groups: expect.arrayContaining([
        {
          group_id: expect.any(String),
          group_name: expect.any(String),
          group_foreign_id: null,
          force_chosen: false,
        },
      ]),
    });
  });

  it("§3.6 ?group= filters to that group's printers, each still listing all of its groups", async () => {
    const groups = await all<Group>("/printing/v1/groups/");
    const g = groups.find((x) => x.num_printers > 0) as Group;
    const r = await get<Page<PrinterAssignments>>(`/printing/v1/assignments/?group=${g.id}`);
    expect(r.body.count).toBe(g.num_printers);
    for (const p of r.body.results) expect(groupsOf(p)).toContain(g.id);
    expect(
      (
        await get<Page<PrinterAssignments>>(
          "/printing/v1/assignments/?group=00000000-0000-4000-8000-000000000000",
        )
      ).body.count,
    ).toBe(0);
  });

  it("§3.6 PUT adds the named groups to the printer (existing ones stay), 200 single object; num_printers follows", async () => {
    const items = await all<PrinterAssignments>("/printing/v1/assignments/");
    const p = items.find((x) => x.assignments.length > 0) as PrinterAssignments;
    const before = groupsOf(p);
    const legal = (await all<Group>("/printing/v1/groups/")).find((g) => g.name === "Legal") as Group;
    expect(legal.num_printers).toBe(0);
    const r = await send<PrinterAssignments>("PUT", `/printing/v1/assignments/${p.printer_id}/`, {
      assignment: [{ groups: [{ group_id: legal.id }] }],
    });
    expect(r.status).toBe(200);
    expect(r.body.printer_id).toBe(p.printer_id);
    expect(groupsOf(r.body).sort()).toEqual([...before, legal.id].sort());
    // Adding again is a no-op.
    const again = await send<PrinterAssignments>("PUT", `/printing/v1/assignments/${p.printer_id}`, {
      assignment: [{ groups: [{ group_id: legal.id }] }],
    });
    expect(groupsOf(again.body)).toHaveLength(before.length + 1);
    expect((await get<Group>(`/printing/v1/groups/${legal.id}/`)).body.num_printers).toBe(1);
  });

  it("§3.6 DELETE with the same body removes those groups → 204", async () => {
    const p = (await all<PrinterAssignments>("/printing/v1/assignments/")).find(
      (x) => groupsOf(x).length >= 2,
    ) as PrinterAssignments;
    const [drop, keep] = groupsOf(p);
    const r = await send("DELETE", `/printing/v1/assignments/${p.printer_id}/`, {
      assignment: [{ groups: [{ group_id: drop }] }],
    });
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    const after = await get<PrinterAssignments>(`/printing/v1/assignments/${p.printer_id}/`);
    expect(groupsOf(after.body)).not.toContain(drop);
    expect(groupsOf(after.body)).toContain(keep);
    // Removing the last group leaves assignments: [].
    const rest = groupsOf(after.body).map((group_id) => ({ group_id }));
    await send("DELETE", `/printing/v1/assignments/${p.printer_id}/`, { assignment: [{ groups: rest }] });
    expect(
      (await get<PrinterAssignments>(`/printing/v1/assignments/${p.printer_id}/`)).body.assignments,
    ).toEqual([]);
  });

  it("§3.6 errors: unknown printer → 404, unknown group on PUT → 400, missing body → 400", async () => {
    const p = (await all<PrinterAssignments>("/printing/v1/assignments/"))[0];
    const g = (await all<Group>("/printing/v1/groups/"))[0];
    expect(
      (
        await send("PUT", "/printing/v1/assignments/00000000-0000-4000-8000-000000000000/", {
          assignment: [{ groups: [{ group_id: g.id }] }],
        })
      ).status,
    ).toBe(404);
    const unknown = await send("PUT", `/printing/v1/assignments/${p.printer_id}/`, {
      assignment: [{ groups: [{ group_id: "00000000-0000-4000-8000-000000000000" }] }],
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body)).toEqual(["assignment"]);
    expect((await send("PUT", `/printing/v1/assignments/${p.printer_id}/`, {})).status).toBe(400);
    expect((await send("DELETE", `/printing/v1/assignments/${p.printer_id}/`)).status).toBe(400);
  });
});

describe("printers", () => {
  it("§3.7 list/get with the documented fields; ?connector_id= filters", async () => {
    const printers = await all<Printer>("/printing/v1/printers/");
    expect(printers).toHaveLength(15);
    const p = printers[0];
    expect(Object.keys(p).sort()).toEqual(
      [
        "id",
        "name",
        "tp_id",
        "status",
        "vendor_name",
        "model_name",
        "location",
        "connector_id",
        "driver_id",
        "manual_driver_id",
        "supported_formats",
        "blob_capabilities",
        "pnp_id",
        "auto_driver_assignment_state",
      ].sort(),
    );
    expect((await get<Printer>(`/printing/v1/printers/${p.id}/`)).body).toEqual(p);
    const connectors = await all<Connector>("/printing/v1/connectors/");
    let total = 0;
    for (const c of connectors) {
      const mine = await all<Printer>(`/printing/v1/printers/?connector_id=${c.id}`);
      expect(mine.every((x) => x.connector_id === c.id)).toBe(true);
      total += mine.length;
    }
    expect(total).toBe(15);
    expect(printers.some((x) => x.driver_id !== null)).toBe(true);
  });

  it("§3.7 PATCH driver_id sets manual_driver_id and leaves driver_id unchanged", async () => {
    const p = (await all<Printer>("/printing/v1/printers/")).find((x) => x.driver_id === null) as Printer;
    const vendor = (await get<string[]>("/printing/v1/drivers/vendors/")).body[0];
    const d = (await all<Driver>(`/printing/v1/drivers/?vendor=${vendor}`))[0];
    const r = await send<Printer>("PATCH", `/printing/v1/printers/${p.id}/`, { driver_id: d.id });
    expect(r.status).toBe(200);
    expect(r.body.manual_driver_id).toBe(d.id);
    expect(r.body.driver_id).toBeNull();
    const put = await send<Printer>("PUT", `/printing/v1/printers/${p.id}`, {
      name: p.name,
      status: "Online",
      connector_id: p.connector_id,
      driver_id: null,
    });
    expect(put.body.manual_driver_id).toBeNull();
    const auto = (await all<Printer>("/printing/v1/printers/")).find((x) => x.driver_id !== null) as Printer;
    const r2 = await send<Printer>("PATCH", `/printing/v1/printers/${auto.id}/`, { driver_id: d.id });
    expect(r2.body.driver_id).toBe(auto.driver_id);
    expect(r2.body.manual_driver_id).toBe(d.id);
    expect(
      (await get<Driver>(`/printing/v1/drivers/${d.id}/`)).body.printers_using_driver,
    ).toBeGreaterThanOrEqual(1);
  });

  it("§3.7 PATCH validation: unknown driver, bad status, unknown connector → 400 field errors", async () => {
    const p = (await all<Printer>("/printing/v1/printers/"))[0];
    for (const [body, field] of [
      [{ driver_id: "00000000-0000-4000-8000-000000000000" }, "driver_id"],
      [{ status: "ON" }, "status"],
      [{ connector_id: "00000000-0000-4000-8000-000000000000" }, "connector_id"],
      [{ name: "" }, "name"],
    ] as const) {
      const r = await send("PATCH", `/printing/v1/printers/${p.id}/`, body);
      expect(r.status).toBe(400);
      expect(Object.keys(r.body)).toEqual([field]);
    }
  });

  it("§3.7 POST with X-Host-Id registers a printer (201); DELETE → 204 and drops its assignments", async () => {
    const c = (await all<Connector>("/printing/v1/connectors/"))[0];
    const r = await fetch(`${sim().apiUrl}/printing/v1/printers/`, {
      method: "POST",
      headers: { authorization: `Bearer ${tok}`, "content-type": "application/json", "x-host-id": c.id },
      body: JSON.stringify({
        name: "Some Printer2",
        status: "Online",
        tp_id: 77,
        supported_formats: ["RAW", "XPS"],
      }),
    });
    expect(r.status).toBe(201);
    const p = (await r.json()) as Printer;
    expect(p).toMatchObject({
      name: "Some Printer2",
      connector_id: c.id,
      tp_id: 77,
      driver_id: null,
      manual_driver_id: null,
      auto_driver_assignment_state: "SKIPPED",
    });
    expect((await send("POST", "/printing/v1/printers/", { name: "x", status: "Online" })).status).toBe(400);
    const g = (await all<Group>("/printing/v1/groups/"))[0];
    await send("PUT", `/printing/v1/assignments/${p.id}/`, {
      assignment: [{ groups: [{ group_id: g.id }] }],
    });
    expect((await get<Group>(`/printing/v1/groups/${g.id}/`)).body.num_printers).toBe(g.num_printers + 1);
    expect((await send("DELETE", `/printing/v1/printers/${p.id}/`)).status).toBe(204);
    expect((await get(`/printing/v1/printers/${p.id}/`)).status).toBe(404);
    expect((await get<Group>(`/printing/v1/groups/${g.id}/`)).body.num_printers).toBe(g.num_printers);
  });
});

describe("connectors", () => {
  it("§3.8 3 connectors incl. TPHub and Printserver; ?type= filters; get by id", async () => {
    const cs = await all<Connector>("/printing/v1/connectors/");
    expect(cs).toHaveLength(3);
    expect(new Set(cs.map((c) => c.type))).toEqual(new Set(["TPHub", "Printserver"]));
    expect(Object.keys(cs[0]).sort()).toEqual(
      [
        "id",
        "readable_name",
        "description",
        "type",
        "status",
        "location",
        "os_type",
        "serial_string",
        "supported_formats",
      ].sort(),
    );
    const hubs = await get<Page<Connector>>("/printing/v1/connectors/?type=TPHub");
    expect(hubs.body.count).toBe(cs.filter((c) => c.type === "TPHub").length);
    expect(hubs.body.results.every((c) => c.type === "TPHub")).toBe(true);
    expect((await get<Connector>(`/printing/v1/connectors/${cs[0].id}/`)).body).toEqual(cs[0]);
  });

  it("§3.8 filter_values/connector is a plain array of {field_name, values}", async () => {
    const r = await get<{ field_name: string; values: string[] }[]>("/printing/v1/filter_values/connector/");
    expect(r.body.map((x) => x.field_name)).toEqual(["status", "type"]);
    expect(r.body[1].values).toEqual(["Printserver", "TPHub"]);
    expect(r.body[0].values).toContain("ON");
  });

  it("§3.8 DELETE a connector → 204; its printers go with it", async () => {
    const c = (await all<Connector>("/printing/v1/connectors/"))[0];
    const n = (await all<Printer>(`/printing/v1/printers/?connector_id=${c.id}`)).length;
    expect(n).toBeGreaterThan(0);
    const r = await send("DELETE", `/printing/v1/connectors/${c.id}/`);
    expect(r.status).toBe(204);
    expect((await get(`/printing/v1/connectors/${c.id}/`)).status).toBe(404);
    expect(await all<Printer>("/printing/v1/printers/")).toHaveLength(15 - n);
    expect(await all<PrinterAssignments>("/printing/v1/assignments/")).toHaveLength(15 - n);
  });
});

describe("drivers", () => {
  it("§3.9 vendors is a plain sorted array of ~8 strings; each vendor has 2–4 drivers", async () => {
    const vendors = (await get<string[]>("/printing/v1/drivers/vendors/")).body;
    expect(vendors.length).toBe(8);
    expect([...vendors].sort((a, b) => a.localeCompare(b))).toEqual(vendors);
    for (const v of vendors) {
      const ds = await all<Driver>(`/printing/v1/drivers/?vendor=${encodeURIComponent(v)}`);
      expect(ds.length).toBeGreaterThanOrEqual(2);
      expect(ds.length).toBeLessThanOrEqual(4);
      for (const d of ds) {
        expect(d).toMatchObject({
          vendor: v,
          os: "Windows",
          arch: "x64",
          printers_using_driver: expect.any(Number),
        });
        expect(d.blob_capabilities).toEqual({
          options: expect.any(Number),
          count: expect.any(Number),
          capabilities: expect.any(String),
        });
      }
    }
    expect((await get<Page<Driver>>("/printing/v1/drivers/?vendor=NoSuchVendor")).body.count).toBe(0);
  });
});
