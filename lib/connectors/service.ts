// Connectors of one organization (docs/ezeep.md#printers-connectors-drivers): the types ezeep offers (filter_values),
// every connector with its type and status, the ezeep Hub (TPHub) configuration, and the printers
// behind each connector (`/printers/?connector_id=`). Read-only: ezeep documents no connector edits.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import type { ListConnectorsQuery } from "@/lib/connectors/schemas";
import { connectorTypeLabel, HUB_TYPE } from "@/lib/connectors/types";
import type { Connector } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { listConnectorPrinters, type PrinterView } from "@/lib/printers/service";
import { byName } from "@/lib/sort";

export { HUB_TYPE, connectorTypeLabel };

/** Fields shown by name; anything else ezeep sends is listed as "more settings". */
const KNOWN_FIELDS = new Set([
  "id",
  "readable_name",
  "description",
  "type",
  "status",
  "location",
  "os_type",
  "serial_string",
  "supported_formats",
]);

export interface ConnectorView {
  id: string;
  name: string;
  description: string;
  type: string;
  typeLabel: string;
  status: string;
  location: string;
  osType: string | null;
  serial: string | null;
  supportedFormats: string[];
  printers: number;
  /** Further settings ezeep reports for this connector (e.g. an ezeep Hub's configuration). */
  extra: { key: string; value: string }[];
}

function display(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value || "—";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return value.join(", ") || "—";
  const json = JSON.stringify(value);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

export function toConnectorView(c: Connector, printers = 0): ConnectorView {
  const extra = Object.entries(c)
    .filter(([k]) => !KNOWN_FIELDS.has(k))
    .map(([key, value]) => ({ key, value: display(value) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return {
    id: c.id,
    name: c.readable_name || c.id,
    description: c.description,
    type: c.type,
    typeLabel: connectorTypeLabel(c.type),
    status: c.status,
    location: c.location,
    osType: c.os_type ?? null,
    serial: c.serial_string ?? null,
    supportedFormats: c.supported_formats,
    printers,
    extra,
  };
}

export interface ConnectorFilterValues {
  types: string[];
  statuses: string[];
}

/** `GET /filter_values/connector/`: a plain array of `{field_name, values}` (§3.8). */
export async function connectorFilterValues(ctx: OrgContext): Promise<ConnectorFilterValues> {
  const values = await ezeepFor(ctx.organization).connectors.filterValues();
  const of = (field: string) =>
    [...new Set(values.filter((v) => v.field_name === field).flatMap((v) => v.values))].sort();
  return { types: of("type"), statuses: of("status") };
}

async function printerCounts(ctx: OrgContext): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const p of ezeepFor(ctx.organization).printers.iterate({ pageSize: 100 }))
    if (p.connector_id) counts.set(p.connector_id, (counts.get(p.connector_id) ?? 0) + 1);
  return counts;
}

export interface ConnectorOverview {
  filters: ConnectorFilterValues;
  connectors: ConnectorView[];
  /** Connectors of every type, before the type/status/search filter. */
  totalConnectors: number;
  hubs: ConnectorView[];
}

export async function listConnectors(
  ctx: OrgContext,
  query: ListConnectorsQuery,
): Promise<ConnectorOverview> {
  const ezeep = ezeepFor(ctx.organization);
  const [filters, all, hubs, counts] = await Promise.all([
    connectorFilterValues(ctx),
    ezeep.connectors.all({ pageSize: 100 }),
    ezeep.connectors.all({ pageSize: 100, type: HUB_TYPE }),
    printerCounts(ctx),
  ]);
  const needle = query.q.toLowerCase();
  const connectors = all
    .map((c) => toConnectorView(c, counts.get(c.id) ?? 0))
    .filter((c) => !query.type || c.type === query.type)
    .filter((c) => !query.status || c.status === query.status)
    .filter(
      (c) =>
        !needle ||
        [c.name, c.description, c.location, c.serial ?? ""].some((s) => s.toLowerCase().includes(needle)),
    )
    .sort(byName);
  return {
    filters,
    connectors,
    totalConnectors: all.length,
    hubs: hubs
      .map((c) => toConnectorView(c, counts.get(c.id) ?? 0))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** One connector (found in ezeep's list: ezeep documents no single GET) with its printers. */
export async function findConnector(
  ctx: OrgContext,
  id: string,
): Promise<{ connector: ConnectorView; printers: PrinterView[] } | null> {
  let found: Connector | null = null;
  for await (const c of ezeepFor(ctx.organization).connectors.iterate({ pageSize: 100 })) {
    if (c.id === id) {
      found = c;
      break;
    }
  }
  if (!found) return null;
  const printers = await listConnectorPrinters(ctx, id);
  return { connector: toConnectorView(found, printers.length), printers };
}
