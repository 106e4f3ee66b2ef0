// Reading printers, assignments, connectors and driver names from ezeep for the views.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { mapPool } from "@/lib/concurrency";
import {
  EzeepError,
  nullIfNotFound,
  type Connector,
  type Printer,
  type PrinterAssignments,
} from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import type { DriverName } from "@/lib/printers/views";

export async function connectorMap(ctx: OrgContext): Promise<Map<string, Connector>> {
  const map = new Map<string, Connector>();
  for await (const c of ezeepFor(ctx.organization).connectors.iterate({ pageSize: 100 })) map.set(c.id, c);
  return map;
}

export async function assignmentMap(
  ctx: OrgContext,
  group?: string,
): Promise<Map<string, PrinterAssignments>> {
  const map = new Map<string, PrinterAssignments>();
  for await (const a of ezeepFor(ctx.organization).assignments.iterate({
    pageSize: 100,
    ...(group ? { group } : {}),
  }))
    map.set(a.printer_id, a);
  return map;
}

/**
 * Names of drivers, looked up in ezeep's catalogue per vendor (ezeep lists drivers only by
 * vendor, §3.9). Best effort: a failed lookup leaves the driver shown by id.
 */
export async function driverNames(
  ctx: OrgContext,
  printers: Printer[],
  extraVendors: string[] = [],
): Promise<Map<string, DriverName>> {
  const map = new Map<string, DriverName>();
  const vendors = new Set<string>(extraVendors.filter(Boolean));
  for (const p of printers)
    if ((p.driver_id || p.manual_driver_id) && p.vendor_name) vendors.add(p.vendor_name);
  await mapPool([...vendors], 4, async (vendor) => {
    try {
      for await (const d of ezeepFor(ctx.organization).drivers.iterate({ vendor, pageSize: 100 }))
        map.set(d.id, { name: d.readable_name || d.name, vendor: d.vendor || vendor });
    } catch (err) {
      if (!(err instanceof EzeepError)) throw err;
    }
  });
  return map;
}

/** Finds drivers missing from `map` by scanning the vendor list (detail page only). */
export async function findMissingDrivers(
  ctx: OrgContext,
  ids: string[],
  map: Map<string, DriverName>,
): Promise<void> {
  let missing = ids.filter((id) => !map.has(id));
  if (missing.length === 0) return;
  try {
    const vendors = await ezeepFor(ctx.organization).drivers.vendors();
    for (let i = 0; i < vendors.length && missing.length; i += 4) {
      await mapPool(vendors.slice(i, i + 4), 4, async (vendor) => {
        for await (const d of ezeepFor(ctx.organization).drivers.iterate({ vendor, pageSize: 100 }))
          map.set(d.id, { name: d.readable_name || d.name, vendor: d.vendor || vendor });
      });
      missing = missing.filter((id) => !map.has(id));
    }
  } catch (err) {
    if (!(err instanceof EzeepError)) throw err;
  }
}

/** The printer's current assignment item, scanning ezeep's list (ezeep documents no single GET). */
export async function readAssignments(
  ctx: OrgContext,
  printerId: string,
): Promise<PrinterAssignments | null> {
  for await (const a of ezeepFor(ctx.organization).assignments.iterate({ pageSize: 100 }))
    if (a.printer_id === printerId) return a;
  return null;
}

export function findRawPrinter(ctx: OrgContext, id: string): Promise<Printer | null> {
  return nullIfNotFound(ezeepFor(ctx.organization).printers.get(id));
}
