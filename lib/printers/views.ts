// What the printer pages show: views built from ezeep's printer, assignment and connector
// objects (docs/ezeep.md, printers and assignments). Pure functions, no ezeep calls.
import type { Connector, Printer, PrinterAssignments } from "@/lib/ezeep";
import { compareText } from "@/lib/sort";

export interface GroupRefView {
  id: string;
  name: string;
  foreignId: string | null;
}

export interface DriverRefView {
  id: string;
  /** null when the driver could not be looked up in ezeep's catalogue. */
  name: string | null;
  vendor: string | null;
  /** true when an admin chose it (ezeep's `manual_driver_id`), false for ezeep's automatic choice. */
  manual: boolean;
}

export interface PrinterView {
  id: string;
  name: string;
  status: string;
  location: string;
  vendor: string;
  model: string;
  connectorId: string | null;
  connectorName: string | null;
  /** ezeep's connector type (TPHub, Printserver, …); the page names it in the admin's language. */
  connectorType: string | null;
  groups: GroupRefView[];
  /** The driver in effect: the manual one when set, else the automatic one. */
  driver: DriverRefView | null;
  autoDriverId: string | null;
  manualDriverId: string | null;
  supportedFormats: string[];
}

export interface CapabilitiesView {
  supportedFormats: string[];
  pnpId: string;
  status: string;
  autoDriverAssignmentState: string | null;
  /** Counts from `blob_capabilities` (the blob itself stays opaque); null when ezeep sends none. */
  blob: { options: number | null; count: number | null; blobLength: number | null } | null;
  tpId: number | null;
}

export interface PrinterDetail extends PrinterView {
  capabilities: CapabilitiesView;
  /** Both drivers, for the driver section. */
  autoDriver: DriverRefView | null;
  manualDriver: DriverRefView | null;
}

export function toGroupRefs(a: PrinterAssignments | undefined): GroupRefView[] {
  if (!a) return [];
  const seen = new Map<string, GroupRefView>();
  for (const block of a.assignments)
    for (const g of block.groups)
      if (!seen.has(g.group_id))
        seen.set(g.group_id, {
          id: g.group_id,
          name: g.group_name || g.group_id,
          foreignId: g.group_foreign_id ?? null,
        });
  return [...seen.values()].sort(byName);
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return compareText(a.name, b.name);
}

export function toPrinterView(
  p: Printer,
  assignments: PrinterAssignments | undefined,
  connectors: Map<string, Connector>,
  drivers: Map<string, DriverName>,
): PrinterView {
  const connector = p.connector_id ? connectors.get(p.connector_id) : undefined;
  const manualId = p.manual_driver_id ?? null;
  const autoId = p.driver_id ?? null;
  const effective = manualId ?? autoId;
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    location: p.location,
    vendor: p.vendor_name,
    model: p.model_name,
    connectorId: p.connector_id ?? null,
    connectorName: connector ? connector.readable_name || connector.id : null,
    connectorType: connector?.type || null,
    groups: toGroupRefs(assignments),
    driver: effective ? driverRef(effective, manualId !== null, drivers) : null,
    autoDriverId: autoId,
    manualDriverId: manualId,
    supportedFormats: p.supported_formats,
  };
}

export function driverRef(id: string, manual: boolean, drivers: Map<string, DriverName>): DriverRefView {
  const known = drivers.get(id);
  return { id, name: known?.name ?? null, vendor: known?.vendor ?? null, manual };
}

/** `{Options, Count, Capabilities}` on printers, lower-case on drivers (§3.7): counts only. */
export function summarizeBlob(blob: unknown): CapabilitiesView["blob"] {
  if (!blob || typeof blob !== "object") return null;
  const o = blob as Record<string, unknown>;
  const num = (v: unknown): number | null => {
    if (typeof v === "number" && Number.isFinite(v)) return v;
    return typeof v === "string" && /^\d+$/.test(v) ? Number(v) : null;
  };
  const data = o.Capabilities ?? o.capabilities;
  return {
    options: num(o.Options ?? o.options),
    count: num(o.Count ?? o.count),
    blobLength: typeof data === "string" ? data.length : null,
  };
}

/** A driver's name as ezeep's catalogue lists it. */
export interface DriverName {
  name: string;
  vendor: string;
}
