// Status filter and sort order of the printers list (and its CSV export). ezeep reports a
// printer's status as free text ("Online", "Offline", "ON", "OFF", …); the portal groups it into
// online / offline / other so the filter means the same whatever spelling ezeep used.
import type { PrinterView } from "@/lib/printers/service";
import { compareText } from "@/lib/sort";

export const PRINTER_STATUS_FILTERS = ["all", "online", "offline", "other"] as const;
export type PrinterStatusFilter = (typeof PRINTER_STATUS_FILTERS)[number];
export const PRINTER_SORTS = ["name", "status", "location", "connector"] as const;
export type PrinterSort = (typeof PRINTER_SORTS)[number];

export function statusGroup(status: string): Exclude<PrinterStatusFilter, "all"> {
  const s = status.trim().toLowerCase();
  if (s === "online" || s === "on") return "online";
  if (s === "offline" || s === "off") return "offline";
  return "other";
}

// Offline first: the printers someone has to look at.
const STATUS_RANK = { offline: 0, other: 1, online: 2 } as const;

function sortKey(p: PrinterView, sort: PrinterSort): string | number {
  if (sort === "status") return STATUS_RANK[statusGroup(p.status)];
  if (sort === "location") return p.location.toLowerCase();
  if (sort === "connector") return (p.connectorName ?? "").toLowerCase();
  return p.name.toLowerCase();
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareText(String(a), String(b));
}

/** Filters by status group and sorts (ties by name, then id); returns a new array. */
export function orderPrinters(
  views: readonly PrinterView[],
  opts: { status: PrinterStatusFilter; sort: PrinterSort; dir: "asc" | "desc" },
): PrinterView[] {
  const kept =
    opts.status === "all" ? [...views] : views.filter((v) => statusGroup(v.status) === opts.status);
  const sign = opts.dir === "desc" ? -1 : 1;
  return kept.sort(
    (a, b) =>
      sign * compare(sortKey(a, opts.sort), sortKey(b, opts.sort)) ||
      compare(a.name.toLowerCase(), b.name.toLowerCase()) ||
      compare(a.id, b.id),
  );
}
