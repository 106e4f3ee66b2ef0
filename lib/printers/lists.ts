// Lists of printers (the printers page, a connector's and a group's printers, pickers). ezeep
// has no search on printers: every page is read on the server and filtered there; the browser
// receives one page.
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { ezeepFor } from "@/lib/organizations/service";
import { orderPrinters } from "@/lib/printers/list-order";
import { assignmentMap, connectorMap, driverNames } from "@/lib/printers/reading";
import type { ListPrintersQuery } from "@/lib/printers/schemas";
import { byName, driverRef, toGroupRefs, toPrinterView, type PrinterView } from "@/lib/printers/views";

export interface PrinterPage {
  items: PrinterView[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** For the filters. */
  connectors: { id: string; name: string; type: string }[];
  groups: { id: string; name: string }[];
}

/**
 * ezeep has no search on printers: the portal reads every page on the server and filters there;
 * the browser receives one page. Connector filter: `?connector_id=`; group filter: assignments
 * `?group=` (each item still lists all of the printer's groups, §3.6).
 */
/** Status filter and order are optional for callers that only page (they get all, by name). */
type PrinterListQuery = Omit<ListPrintersQuery, "status" | "sort" | "dir"> &
  Partial<Pick<ListPrintersQuery, "status" | "sort" | "dir">>;

export async function listPrinters(ctx: OrgContext, query: PrinterListQuery): Promise<PrinterPage> {
  const ezeep = ezeepFor(ctx.organization);
  const [printers, assignments, connectors, groups] = await Promise.all([
    ezeep.printers.all({ pageSize: 100, ...(query.connector ? { connector_id: query.connector } : {}) }),
    assignmentMap(ctx, query.group || undefined),
    connectorMap(ctx),
    ezeep.groups.all({ pageSize: 100 }),
  ]);
  const needle = query.q.toLowerCase();
  let views = printers
    .filter((p) => !query.group || assignments.has(p.id))
    .map((p) => toPrinterView(p, assignments.get(p.id), connectors, new Map()));
  if (needle)
    views = views.filter((v) =>
      [v.name, v.location, v.vendor, v.model, v.connectorName ?? "", ...v.groups.map((g) => g.name)].some(
        (s) => s.toLowerCase().includes(needle),
      ),
    );
  views = orderPrinters(views, {
    status: query.status ?? "all",
    sort: query.sort ?? "name",
    dir: query.dir ?? "asc",
  });
  const pageCount = Math.max(1, Math.ceil(views.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  const slice = views.slice(start, start + query.pageSize);
  // Driver names only for the page shown.
  const pageIds = new Set(slice.map((v) => v.id));
  const names = await driverNames(
    ctx,
    printers.filter((p) => pageIds.has(p.id)),
  );
  const items = slice.map((v) =>
    v.driver ? { ...v, driver: driverRef(v.driver.id, v.driver.manual, names) } : v,
  );
  return {
    items,
    total: views.length,
    page,
    pageSize: query.pageSize,
    pageCount,
    connectors: [...connectors.values()]
      .map((c) => ({ id: c.id, name: c.readable_name || c.id, type: c.type }))
      .sort(byName),
    groups: groups.map((g) => ({ id: g.id, name: g.name })).sort(byName),
  };
}

/** Every printer of a connector (connector detail page). */
export async function listConnectorPrinters(ctx: OrgContext, connectorId: string): Promise<PrinterView[]> {
  const ezeep = ezeepFor(ctx.organization);
  const [printers, assignments, connectors] = await Promise.all([
    ezeep.printers.all({ pageSize: 100, connector_id: connectorId }),
    assignmentMap(ctx),
    connectorMap(ctx),
  ]);
  const names = await driverNames(ctx, printers);
  return printers.map((p) => toPrinterView(p, assignments.get(p.id), connectors, names)).sort(byName);
}

/** The printers assigned to one group (the group's Printers tab). */
export async function listGroupPrinters(ctx: OrgContext, groupId: string): Promise<PrinterView[]> {
  const ezeep = ezeepFor(ctx.organization);
  const [assignments, printers, connectors] = await Promise.all([
    assignmentMap(ctx, groupId),
    ezeep.printers.all({ pageSize: 100 }),
    connectorMap(ctx),
  ]);
  const mine = printers.filter((p) =>
    assignments.get(p.id)?.assignments.some((a) => a.groups.some((g) => g.group_id === groupId)),
  );
  const names = await driverNames(ctx, mine);
  return mine.map((p) => toPrinterView(p, assignments.get(p.id), connectors, names)).sort(byName);
}

/** Every printer, light (id, name, location, groups), for pickers. */
export async function listPrinterChoices(
  ctx: OrgContext,
): Promise<{ id: string; name: string; location: string; groupIds: string[] }[]> {
  const ezeep = ezeepFor(ctx.organization);
  const [printers, assignments] = await Promise.all([
    ezeep.printers.all({ pageSize: 100 }),
    assignmentMap(ctx),
  ]);
  return printers
    .map((p) => ({
      id: p.id,
      name: p.name,
      location: p.location,
      groupIds: toGroupRefs(assignments.get(p.id)).map((g) => g.id),
    }))
    .sort(byName);
}

/** Every group, light (id, name), for pickers. */
export async function listGroupChoices(ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  const groups = await ezeepFor(ctx.organization).groups.all({ pageSize: 100 });
  return groups.map((g) => ({ id: g.id, name: g.name })).sort(byName);
}
