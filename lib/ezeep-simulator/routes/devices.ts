// Printing host: printers (§3.7), connectors and filter values (§3.8), drivers (§3.9).
import { randomUUID } from "node:crypto";

import {
  fieldError,
  HttpError,
  json,
  jsonBody,
  limitOffset,
  noContent,
  notFound,
  optString,
  reqString,
  type Ctx,
  type JsonObject,
  type Reply,
} from "../http";
import { orgOf, route, type Route, type Runtime } from "../runtime";
import type { ConnectorRec, OrgRec, PrinterRec } from "../state";
import { UUID_RE } from "../util";

const PRINTER_STATUS = new Set(["Online", "Offline", "Inproperly Configured"]);
const FORMATS = new Set(["RAW", "PDF", "XPS", "EMF"]);

// ---- printers ----

function printerOr404(ctx: Ctx): { org: OrgRec; printer: PrinterRec } {
  const org = orgOf(ctx);
  const printer = org.printers.get(ctx.params.id);
  if (!printer) throw notFound();
  return { org, printer };
}

function listPrinters(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const connector = ctx.url.searchParams.get("connector_id");
  let printers = [...org.printers.values()];
  if (connector !== null) printers = printers.filter((p) => p.connector_id === connector);
  const page = limitOffset(ctx, printers);
  return json(200, { ...page, results: page.results.map((p) => rt.state.toPrinter(p)) });
}

function getPrinter(ctx: Ctx, rt: Runtime): Reply {
  return json(200, rt.state.toPrinter(printerOr404(ctx).printer));
}

function status(body: JsonObject, required: boolean): string | undefined {
  if (!("status" in body)) {
    if (required) throw fieldError("status", "This field is required.");
    return undefined;
  }
  const v = body.status;
  if (typeof v !== "string" || !PRINTER_STATUS.has(v))
    throw fieldError("status", `"${String(v)}" is not a valid choice.`);
  return v;
}

function formats(body: JsonObject): string[] | undefined {
  if (!("supported_formats" in body)) return undefined;
  const v = body.supported_formats;
  if (!Array.isArray(v)) throw fieldError("supported_formats", "Expected a list of items.");
  for (const f of v)
    if (typeof f !== "string" || !FORMATS.has(f))
      throw fieldError("supported_formats", `"${String(f)}" is not a valid choice.`);
  return [...new Set(v as string[])];
}

function checkPrinterName(org: OrgRec, name: string, exceptId?: string): void {
  for (const p of org.printers.values())
    if (p.id !== exceptId && p.name === name)
      throw fieldError("name", "printer with this name already exists.");
}

/** Connector-side registration (§3.7): the owning connector comes from X-Host-Id. */
function createPrinter(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const hostId = String(ctx.req.headers["x-host-id"] ?? "");
  const connector = org.connectors.get(hostId);
  if (!connector) throw new HttpError(400, { detail: "Missing or unknown X-Host-Id header." });
  const body = jsonBody(ctx);
  const name = reqString(body, "name", 255);
  const st = status(body, true) ?? "Online";
  let tpId: number | undefined;
  if ("tp_id" in body) {
    const v = body.tp_id;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 2147483646)
      throw fieldError("tp_id", "Ensure this value is between 1 and 2147483646.");
    tpId = v;
  }
  const used = [...org.printers.values()].filter((p) => p.connector_id === connector.id).map((p) => p.tp_id);
  if (tpId !== undefined && used.includes(tpId))
    throw fieldError("tp_id", "A printer with this tp_id already exists on this connector.");
  checkPrinterName(org, name, undefined);
  const p: PrinterRec = {
    id: randomUUID(),
    orgId: org.id,
    name,
    tp_id: tpId ?? Math.max(0, ...used) + 1,
    status: st,
    vendor_name: optString(body, "vendor_name", 255, { allowBlank: true }) ?? "",
    model_name: optString(body, "model_name", 255, { allowBlank: true }) ?? "",
    location: optString(body, "location", 255, { allowBlank: true }) ?? "",
    connector_id: connector.id,
    driver_id: null,
    manual_driver_id: null,
    supported_formats: formats(body) ?? ["RAW"],
    pnp_id: optString(body, "pnp_id", 1024, { allowBlank: true }) ?? "",
    auto_driver_assignment_state: "SKIPPED",
    groupIds: [],
  };
  org.printers.set(p.id, p);
  return json(201, rt.state.toPrinter(p));
}

/** PATCH/PUT (§3.7, §4 #11): a driver_id sets manual_driver_id; driver_id (auto) never changes. */
function updatePrinter(ctx: Ctx, rt: Runtime): Reply {
  const { org, printer } = printerOr404(ctx);
  const body = jsonBody(ctx);
  const name = optString(body, "name", 255);
  if (name !== undefined) checkPrinterName(org, name, printer.id);
  const st = status(body, false);
  const location = optString(body, "location", 255, { allowBlank: true });
  let connectorId: string | undefined;
  if ("connector_id" in body) {
    const v = body.connector_id;
    if (typeof v !== "string" || !org.connectors.has(v))
      throw fieldError("connector_id", `Invalid pk "${String(v)}" - object does not exist.`);
    connectorId = v;
  }
  let driver: string | null | undefined;
  if ("driver_id" in body) {
    const v = body.driver_id;
    if (v !== null && (typeof v !== "string" || !rt.state.drivers.has(v)))
      throw fieldError("driver_id", `Invalid pk "${String(v)}" - object does not exist.`);
    driver = v;
  }
  const fmts = formats(body);
  if (name !== undefined) printer.name = name;
  if (st !== undefined) printer.status = st;
  if (location !== undefined) printer.location = location;
  if (connectorId !== undefined) printer.connector_id = connectorId;
  if (driver !== undefined) printer.manual_driver_id = driver;
  if (fmts !== undefined) printer.supported_formats = fmts;
  return json(200, rt.state.toPrinter(printer));
}

function deletePrinter(ctx: Ctx, rt: Runtime): Reply {
  const { org, printer } = printerOr404(ctx);
  rt.state.deletePrinter(org, printer);
  return noContent();
}

// ---- connectors ----

function connectorOr404(ctx: Ctx): { org: OrgRec; connector: ConnectorRec } {
  const org = orgOf(ctx);
  const connector = UUID_RE.test(ctx.params.id) ? org.connectors.get(ctx.params.id) : undefined;
  if (!connector) throw notFound();
  return { org, connector };
}

function listConnectors(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const type = ctx.url.searchParams.get("type");
  const st = ctx.url.searchParams.get("status");
  const items = [...org.connectors.values()].filter(
    (c) => (type === null || c.type === type) && (st === null || c.status === st),
  );
  const page = limitOffset(ctx, items);
  return json(200, { ...page, results: page.results.map((c) => rt.state.toConnector(c)) });
}

function getConnector(ctx: Ctx, rt: Runtime): Reply {
  return json(200, rt.state.toConnector(connectorOr404(ctx).connector));
}

/** Our choice: deleting a connector deletes its printers (and their assignments). */
function deleteConnector(ctx: Ctx, rt: Runtime): Reply {
  const { org, connector } = connectorOr404(ctx);
  rt.state.deleteConnector(org, connector);
  return noContent();
}

/** Plain array (§2.2) of the values present in the caller's connectors. */
function connectorFilterValues(ctx: Ctx): Reply {
  const org = orgOf(ctx);
  const statuses = new Set<string>();
  const types = new Set<string>();
  for (const c of org.connectors.values()) {
    statuses.add(c.status);
    types.add(c.type);
  }
  return json(200, [
    { field_name: "status", values: [...statuses].sort() },
    { field_name: "type", values: [...types].sort() },
  ]);
}

// ---- drivers ----

function vendors(ctx: Ctx, rt: Runtime): Reply {
  const set = new Set<string>();
  for (const d of rt.state.drivers.values()) set.add(d.vendor);
  return json(
    200,
    [...set].sort((a, b) => a.localeCompare(b)),
  );
}

function listDrivers(ctx: Ctx, rt: Runtime): Reply {
  const org = orgOf(ctx);
  const vendor = ctx.url.searchParams.get("vendor");
  const items = [...rt.state.drivers.values()].filter(
    (d) => vendor === null || d.vendor.toLowerCase() === vendor.toLowerCase(),
  );
  const page = limitOffset(ctx, items);
  return json(200, { ...page, results: page.results.map((d) => rt.state.toDriver(d, org)) });
}

function getDriver(ctx: Ctx, rt: Runtime): Reply {
  const d = rt.state.drivers.get(ctx.params.id);
  if (!d) throw notFound();
  return json(200, rt.state.toDriver(d, orgOf(ctx)));
}

export function deviceRoutes(): Route[] {
  return [
    route("GET", "/printing/v1/printers", "bearer", listPrinters),
    route("POST", "/printing/v1/printers", "bearer", createPrinter),
    route("GET", "/printing/v1/printers/:id", "bearer", getPrinter),
    route(["PATCH", "PUT"], "/printing/v1/printers/:id", "bearer", updatePrinter),
    route("DELETE", "/printing/v1/printers/:id", "bearer", deletePrinter),
    route("GET", "/printing/v1/connectors", "bearer", listConnectors),
    route("GET", "/printing/v1/connectors/:id", "bearer", getConnector),
    route("DELETE", "/printing/v1/connectors/:id", "bearer", deleteConnector),
    route("GET", "/printing/v1/filter_values/connector", "bearer", connectorFilterValues),
    route("GET", "/printing/v1/drivers/vendors", "bearer", vendors),
    route("GET", "/printing/v1/drivers", "bearer", listDrivers),
    route("GET", "/printing/v1/drivers/:id", "bearer", getDriver),
  ];
}
