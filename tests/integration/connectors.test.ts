// Connectors (docs/ezeep.md#printers-connectors-drivers): the types ezeep offers (filter_values), every connector with
// type and status, the ezeep Hub (TPHub) configuration and the printers behind each connector.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import {
  connectorFilterValues,
  connectorTypeLabel,
  findConnector,
  listConnectors,
} from "@/lib/connectors/service";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

const q = (over: Partial<{ type: string; status: string; q: string }> = {}) => ({
  type: "",
  status: "",
  q: "",
  ...over,
});

describe("connectors", () => {
  const sim = useSimulator();
  let auditor: OrgContext;

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    auditor = await contextFor(org, "auditor");
  });
  beforeEach(() => sim().faults.clear());

  it("offers the connector types from filter_values and lists every connector with type, status and printer count", async () => {
    const filters = await connectorFilterValues(auditor);
    expect(filters.types).toEqual(expect.arrayContaining(["TPHub", "Printserver"]));
    expect(filters.statuses.length).toBeGreaterThan(0);

    const overview = await listConnectors(auditor, q());
    const raw = await ezeepFor(auditor.organization).connectors.all();
    expect(overview.connectors).toHaveLength(raw.length);
    expect(overview.totalConnectors).toBe(raw.length);
    const printers = await ezeepFor(auditor.organization).printers.all();
    for (const c of overview.connectors) {
      expect(c.type).toBeTruthy();
      expect(c.status).toBeTruthy();
      expect(c.printers).toBe(printers.filter((p) => p.connector_id === c.id).length);
    }
    expect(connectorTypeLabel("TPHub")).toBe("ezeep Hub");
  });

  it("shows the ezeep Hub configuration from ?type=TPHub and filters by type, status and search", async () => {
    sim().resetStats();
    const overview = await listConnectors(auditor, q({ type: "Printserver" }));
    expect(overview.connectors.every((c) => c.type === "Printserver")).toBe(true);
    expect(overview.hubs.length).toBeGreaterThan(0);
    expect(overview.hubs.every((h) => h.type === "TPHub" && h.typeLabel === "ezeep Hub")).toBe(true);
    expect(overview.hubs[0]).toMatchObject({ osType: expect.any(String), serial: expect.any(String) });
    expect(sim().stats().byRoute["GET /printing/v1/filter_values/connector/"]).toBe(1);

    const off = await listConnectors(auditor, q({ status: "OFF" }));
    expect(off.connectors.length).toBeGreaterThan(0);
    expect(off.connectors.every((c) => c.status === "OFF")).toBe(true);
    const hub = overview.hubs[0];
    const searched = await listConnectors(auditor, q({ q: hub.name.toUpperCase() }));
    expect(searched.connectors.map((c) => c.id)).toEqual([hub.id]);
  });

  it("lists the printers behind one connector (?connector_id=)", async () => {
    const [first] = (await listConnectors(auditor, q())).connectors.filter((c) => c.printers > 0);
    const found = (await findConnector(auditor, first.id))!;
    expect(found.connector.id).toBe(first.id);
    expect(found.printers).toHaveLength(first.printers);
    expect(found.printers.every((p) => p.connectorId === first.id)).toBe(true);
    expect(await findConnector(auditor, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("fails with ezeep's error when ezeep is down, so the page can say so", async () => {
    sim().faults.add({
      host: "api",
      path: "/printing/v1/filter_values/connector/",
      kind: "status",
      status: 403,
    });
    await expect(listConnectors(auditor, q())).rejects.toMatchObject({ status: 403 });
  });
});
