// ezeep's driver catalogue (docs/ezeep.md#printers-connectors-drivers): vendors (a plain array) and the drivers of one
// vendor (`?vendor=`). ezeep has no search on drivers: the portal filters on the server.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import type { ListDriversQuery, SearchDriversQuery } from "@/lib/drivers/schemas";
import type { Driver } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { byName, compareText } from "@/lib/sort";

export interface DriverView {
  id: string;
  name: string;
  vendor: string;
  os: string | null;
  arch: string | null;
  printersUsing: number;
}

export function toDriverView(d: Driver, vendor: string): DriverView {
  return {
    id: d.id,
    name: d.readable_name || d.name,
    vendor: d.vendor || vendor,
    os: d.os ?? null,
    arch: d.arch ?? null,
    printersUsing: d.printers_using_driver ?? 0,
  };
}

export async function listVendors(ctx: OrgContext): Promise<string[]> {
  const vendors = await ezeepFor(ctx.organization).drivers.vendors();
  return [...new Set(vendors.map((v) => v.trim()).filter(Boolean))].sort((a, b) => compareText(a, b));
}

async function vendorDrivers(ctx: OrgContext, vendor: string, q: string): Promise<DriverView[]> {
  const needle = q.toLowerCase();
  const out: DriverView[] = [];
  for await (const d of ezeepFor(ctx.organization).drivers.iterate({ vendor, pageSize: 100 })) {
    const view = toDriverView(d, vendor);
    if (needle && !view.name.toLowerCase().includes(needle) && !d.name.toLowerCase().includes(needle))
      continue;
    out.push(view);
  }
  return out.sort(byName);
}

/** For the driver picker: the first `limit` matches and how many there are in all. */
export async function searchDrivers(
  ctx: OrgContext,
  query: SearchDriversQuery,
): Promise<{ vendor: string; items: DriverView[]; total: number }> {
  const all = await vendorDrivers(ctx, query.vendor, query.q);
  return { vendor: query.vendor, items: all.slice(0, query.limit), total: all.length };
}

export interface DriverPage {
  vendors: string[];
  vendor: string;
  items: DriverView[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** The drivers page: vendor list, and the drivers of the chosen vendor, one page at a time. */
export async function listDrivers(ctx: OrgContext, query: ListDriversQuery): Promise<DriverPage> {
  const vendors = await listVendors(ctx);
  const vendor = query.vendor
    ? (vendors.find((v) => v.toLowerCase() === query.vendor.toLowerCase()) ?? query.vendor)
    : "";
  const all = vendor ? await vendorDrivers(ctx, vendor, query.q) : [];
  const pageCount = Math.max(1, Math.ceil(all.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  return {
    vendors,
    vendor,
    items: all.slice(start, start + query.pageSize),
    total: all.length,
    page,
    pageSize: query.pageSize,
    pageCount,
  };
}
