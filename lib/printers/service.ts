// Printers of one organization, their group assignments and drivers: read from ezeep, changed
// through ezeep, every change audited (ezeep-api.md §3.6, §3.7, §3.9).
//
// Assignments are a read-modify-write of a printer's group list from the portal's point of view.
// Each change runs under a per-printer lock, re-reads the printer's current groups inside it and
// sends ezeep only the difference: PUT with the groups to add, DELETE with the groups to remove.
// So another admin's assignment made meanwhile is never dropped.
import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { mapPool as mapLimit } from "@/lib/concurrency";
import { connectorTypeLabel } from "@/lib/connectors/types";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { EzeepError, type Connector, type Printer, type PrinterAssignments } from "@/lib/ezeep";
import { withKeyLock } from "@/lib/locks";
import { moduleLogger } from "@/lib/observability/logger";
import { ezeepFor } from "@/lib/organizations/service";
import { orderPrinters } from "@/lib/printers/list-order";
import type { ListPrintersQuery } from "@/lib/printers/schemas";

// ---------------------------------------------------------------------------------------------
// Views

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

function toGroupRefs(a: PrinterAssignments | undefined): GroupRefView[] {
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

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: "base" });
}

function toPrinterView(
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
    connectorType: connector?.type ? connectorTypeLabel(connector.type) : null,
    groups: toGroupRefs(assignments),
    driver: effective ? driverRef(effective, manualId !== null, drivers) : null,
    autoDriverId: autoId,
    manualDriverId: manualId,
    supportedFormats: p.supported_formats,
  };
}

function driverRef(id: string, manual: boolean, drivers: Map<string, DriverName>): DriverRefView {
  const known = drivers.get(id);
  return { id, name: known?.name ?? null, vendor: known?.vendor ?? null, manual };
}

/** `{Options, Count, Capabilities}` on printers, lower-case on drivers (§3.7): counts only. */
export function summarizeBlob(blob: unknown): CapabilitiesView["blob"] {
  if (!blob || typeof blob !== "object") return null;
  const o = blob as Record<string, unknown>;
  const num = (v: unknown) =>
    typeof v === "number" && Number.isFinite(v)
      ? v
      : typeof v === "string" && /^\d+$/.test(v)
        ? Number(v)
        : null;
  const data = o.Capabilities ?? o.capabilities;
  return {
    options: num(o.Options ?? o.options),
    count: num(o.Count ?? o.count),
    blobLength: typeof data === "string" ? data.length : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading helpers

interface DriverName {
  name: string;
  vendor: string;
}

async function connectorMap(ctx: OrgContext): Promise<Map<string, Connector>> {
  const map = new Map<string, Connector>();
  for await (const c of ezeepFor(ctx.organization).connectors.iterate({ pageSize: 100 })) map.set(c.id, c);
  return map;
}

async function assignmentMap(ctx: OrgContext, group?: string): Promise<Map<string, PrinterAssignments>> {
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
async function driverNames(
  ctx: OrgContext,
  printers: Printer[],
  extraVendors: string[] = [],
): Promise<Map<string, DriverName>> {
  const map = new Map<string, DriverName>();
  const vendors = new Set<string>(extraVendors.filter(Boolean));
  for (const p of printers)
    if ((p.driver_id || p.manual_driver_id) && p.vendor_name) vendors.add(p.vendor_name);
  await mapLimit([...vendors], 4, async (vendor) => {
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
async function findMissingDrivers(
  ctx: OrgContext,
  ids: string[],
  map: Map<string, DriverName>,
): Promise<void> {
  let missing = ids.filter((id) => !map.has(id));
  if (missing.length === 0) return;
  try {
    const vendors = await ezeepFor(ctx.organization).drivers.vendors();
    for (let i = 0; i < vendors.length && missing.length; i += 4) {
      await mapLimit(vendors.slice(i, i + 4), 4, async (vendor) => {
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
async function readAssignments(ctx: OrgContext, printerId: string): Promise<PrinterAssignments | null> {
  for await (const a of ezeepFor(ctx.organization).assignments.iterate({ pageSize: 100 }))
    if (a.printer_id === printerId) return a;
  return null;
}

export async function findRawPrinter(ctx: OrgContext, id: string): Promise<Printer | null> {
  try {
    return await ezeepFor(ctx.organization).printers.get(id);
  } catch (err) {
    if (err instanceof EzeepError && err.status === 404) return null;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Lists

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

// ---------------------------------------------------------------------------------------------
// One printer

export async function findPrinter(ctx: OrgContext, id: string): Promise<PrinterDetail | null> {
  const printer = await findRawPrinter(ctx, id);
  if (!printer) return null;
  const [assignments, connectors, names] = await Promise.all([
    readAssignments(ctx, id),
    connectorMap(ctx),
    driverNames(ctx, [printer]),
  ]);
  const ids = [printer.manual_driver_id, printer.driver_id].filter((x): x is string => !!x);
  await findMissingDrivers(ctx, ids, names);
  const view = toPrinterView(printer, assignments ?? undefined, connectors, names);
  return {
    ...view,
    autoDriver: printer.driver_id ? driverRef(printer.driver_id, false, names) : null,
    manualDriver: printer.manual_driver_id ? driverRef(printer.manual_driver_id, true, names) : null,
    capabilities: {
      supportedFormats: printer.supported_formats,
      pnpId: printer.pnp_id ?? "",
      status: printer.status,
      autoDriverAssignmentState: printer.auto_driver_assignment_state ?? null,
      blob: summarizeBlob(printer.blob_capabilities),
      tpId: typeof printer.tp_id === "number" ? printer.tp_id : null,
    },
  };
}

export async function getPrinter(ctx: OrgContext, id: string): Promise<PrinterDetail> {
  const printer = await findPrinter(ctx, id);
  if (!printer) throw new NotFoundError("This printer");
  return printer;
}

export interface PrinterUserView {
  id: string;
  email: string;
  name: string;
  via: { id: string; name: string }[];
}

/**
 * Users who can print to a printer: the members of its groups. ezeep lists memberships per user
 * (§3.4), so the printing-side users are read and matched against the printer's groups; names and
 * emails come from the account host.
 */
export async function listPrinterUsers(ctx: OrgContext, groups: GroupRefView[]): Promise<PrinterUserView[]> {
  if (groups.length === 0) return [];
  const ezeep = ezeepFor(ctx.organization);
  const wanted = new Map(groups.map((g) => [g.id, g]));
  const members = new Map<string, { id: string; name: string }[]>();
  for await (const u of ezeep.printingUsers.iterate({ pageSize: 100 })) {
    const via = u.groups
      .filter((g) => wanted.has(g.group_id))
      .map((g) => ({ id: g.group_id, name: wanted.get(g.group_id)!.name }));
    if (via.length) members.set(u.id, via);
  }
  if (members.size === 0) return [];
  const out: PrinterUserView[] = [];
  for await (const a of ezeep.users.iterate({ perPage: 100 })) {
    const via = members.get(a.id);
    if (!via) continue;
    const name = a.display_name || [a.first_name, a.last_name].filter(Boolean).join(" ");
    out.push({ id: a.id, email: a.email, name: name || a.email, via });
    members.delete(a.id);
  }
  for (const [id, via] of members) out.push({ id, email: "", name: id, via });
  return out.sort(byName);
}

// ---------------------------------------------------------------------------------------------
// Effective printers of a user (union over the user's groups, §3.6 "Printers a user can use")

export interface EffectivePrinterView {
  id: string;
  name: string;
  location: string;
  status: string;
  /** The user's groups that give access to this printer. */
  via: { id: string; name: string }[];
}

export interface EffectivePrinters {
  /** false when ezeep has no printing profile for the user yet (e.g. an invitation not accepted). */
  hasPrintingProfile: boolean;
  groupCount: number;
  printers: EffectivePrinterView[];
}

export async function listEffectivePrinters(ctx: OrgContext, userId: string): Promise<EffectivePrinters> {
  const ezeep = ezeepFor(ctx.organization);
  let groupIds: string[];
  try {
    groupIds = [...new Set((await ezeep.printingUsers.get(userId)).groups.map((g) => g.group_id))];
  } catch (err) {
    if (err instanceof EzeepError && err.status === 404)
      return { hasPrintingProfile: false, groupCount: 0, printers: [] };
    throw err;
  }
  const byPrinter = new Map<string, { name: string; via: Map<string, string> }>();
  await mapLimit(groupIds, 4, async (groupId) => {
    for await (const a of ezeep.assignments.iterate({ group: groupId, pageSize: 100 })) {
      const entry = byPrinter.get(a.printer_id) ?? {
        name: a.printer_name || a.printer_id,
        via: new Map<string, string>(),
      };
      const group = a.assignments.flatMap((b) => b.groups).find((g) => g.group_id === groupId);
      entry.via.set(groupId, group?.group_name || groupId);
      byPrinter.set(a.printer_id, entry);
    }
  });
  const details = new Map<string, Printer>();
  if (byPrinter.size > 0)
    for await (const p of ezeep.printers.iterate({ pageSize: 100 }))
      if (byPrinter.has(p.id)) details.set(p.id, p);
  const printers = [...byPrinter.entries()]
    .map(([id, e]) => ({
      id,
      name: details.get(id)?.name ?? e.name,
      location: details.get(id)?.location ?? "",
      status: details.get(id)?.status ?? "",
      via: [...e.via.entries()].map(([gid, name]) => ({ id: gid, name })).sort(byName),
    }))
    .sort(byName);
  return { hasPrintingProfile: true, groupCount: groupIds.length, printers };
}

// ---------------------------------------------------------------------------------------------
// Changes

/** What the audit log keeps of a printer's groups: names, sorted (the change line shows them). */
function groupsSnapshot(groups: GroupRefView[]): string {
  return [...groups]
    .sort(byName)
    .map((g) => g.name)
    .join(", ");
}

async function groupNames(ctx: OrgContext, ids: string[]): Promise<GroupRefView[]> {
  return mapLimit(ids, 4, async (id) => {
    try {
      const g = await ezeepFor(ctx.organization).groups.get(id);
      return { id: g.id, name: g.name, foreignId: g.origin?.foreign_id ?? null };
    } catch (err) {
      if (err instanceof EzeepError && err.status === 404) throw new NotFoundError("A chosen group");
      throw err;
    }
  });
}

export interface AssignmentChange {
  printerId: string;
  printerName: string;
  /** The groups actually added or removed (already assigned / not assigned ones are skipped). */
  changed: GroupRefView[];
  groups: GroupRefView[];
}

function lockKey(ctx: OrgContext, printerId: string): string {
  return `printer:${ctx.organization.id}:${printerId}`;
}

async function currentAssignments(
  ctx: OrgContext,
  printerId: string,
): Promise<{ name: string; groups: GroupRefView[] }> {
  const a = await readAssignments(ctx, printerId);
  if (a) return { name: a.printer_name || printerId, groups: toGroupRefs(a) };
  // Not listed: either no such printer or ezeep omits unassigned ones.
  const printer = await findRawPrinter(ctx, printerId);
  if (!printer) throw new NotFoundError("This printer");
  return { name: printer.name, groups: [] };
}

/** Adds groups to a printer: PUT with only the groups not yet assigned. */
export async function assignGroups(
  ctx: OrgContext,
  input: { printerId: string; groupIds: string[] },
): Promise<AssignmentChange> {
  return withKeyLock(
    lockKey(ctx, input.printerId),
    async () => {
      const before = await currentAssignments(ctx, input.printerId);
      const have = new Set(before.groups.map((g) => g.id));
      const toAdd = input.groupIds.filter((id) => !have.has(id));
      if (toAdd.length === 0)
        return { printerId: input.printerId, printerName: before.name, changed: [], groups: before.groups };
      const adding = await groupNames(ctx, toAdd);
      const intended = [...before.groups, ...adding];
      return audited(ctx, {
        action: "printer.assign_groups",
        target: { type: "printer", id: input.printerId, label: before.name },
        before: { groups: groupsSnapshot(before.groups) },
        intended: { groups: groupsSnapshot(intended), added: groupsSnapshot(adding) },
        run: async () => {
          const ezeep = ezeepFor(ctx.organization);
          let after = toGroupRefs(await ezeep.assignments.assign(input.printerId, toAdd));
          // ezeep does not say whether PUT adds or replaces (§3.6). Should it have replaced the
          // list, put back the groups that were there before (read inside this lock).
          const lost = before.groups.filter((g) => !after.some((a) => a.id === g.id));
          if (lost.length)
            after = toGroupRefs(await ezeep.assignments.assign(input.printerId, [...have, ...toAdd]));
          const result = {
            printerId: input.printerId,
            printerName: before.name,
            changed: adding,
            groups: after,
          };
          return { result, after: { groups: groupsSnapshot(after), added: groupsSnapshot(adding) } };
        },
      });
    },
    { busyMessage: "Another change to this printer's groups is still running. Try again in a moment." },
  );
}

/** Removes groups from a printer: DELETE naming only groups that are assigned now. */
export async function unassignGroups(
  ctx: OrgContext,
  input: { printerId: string; groupIds: string[] },
): Promise<AssignmentChange> {
  return withKeyLock(
    lockKey(ctx, input.printerId),
    async () => {
      const before = await currentAssignments(ctx, input.printerId);
      const wanted = new Set(input.groupIds);
      const removing = before.groups.filter((g) => wanted.has(g.id));
      if (removing.length === 0)
        return { printerId: input.printerId, printerName: before.name, changed: [], groups: before.groups };
      const remaining = before.groups.filter((g) => !wanted.has(g.id));
      return audited(ctx, {
        action: "printer.unassign_groups",
        target: { type: "printer", id: input.printerId, label: before.name },
        before: { groups: groupsSnapshot(before.groups) },
        intended: { groups: groupsSnapshot(remaining), removed: groupsSnapshot(removing) },
        run: async () => {
          await ezeepFor(ctx.organization).assignments.unassign(
            input.printerId,
            removing.map((g) => g.id),
          );
          const result = {
            printerId: input.printerId,
            printerName: before.name,
            changed: removing,
            groups: remaining,
          };
          return { result, after: { groups: groupsSnapshot(remaining), removed: groupsSnapshot(removing) } };
        },
      });
    },
    { busyMessage: "Another change to this printer's groups is still running. Try again in a moment." },
  );
}

export interface GroupPrintersChange {
  groupId: string;
  changed: { id: string; name: string }[];
  failed: { id: string; name: string; error: string }[];
}

/**
 * From the group side: one assignment change per printer (each its own locked read-modify-write
 * and audit entry). Stops at nothing: every printer is tried and failures are reported together.
 */
async function changeGroupPrinters(
  ctx: OrgContext,
  input: { groupId: string; printerIds: string[] },
  change: typeof assignGroups,
): Promise<GroupPrintersChange> {
  const [group] = await groupNames(ctx, [input.groupId]);
  const outcomes = await mapLimit(input.printerIds, 4, async (printerId) => {
    try {
      const r = await change(ctx, { printerId, groupIds: [group.id] });
      return { ok: true as const, id: printerId, name: r.printerName, changed: r.changed.length > 0 };
    } catch (err) {
      const message =
        err instanceof EzeepError || err instanceof UserFacingError
          ? err.message
          : "Something went wrong on the server.";
      if (!(err instanceof EzeepError || err instanceof UserFacingError))
        moduleLogger("printers").error({ err }, "group change failed");
      return { ok: false as const, id: printerId, name: printerId, error: message };
    }
  });
  const failed = outcomes
    .filter((o) => !o.ok)
    .map((o) => ({ id: o.id, name: o.name, error: (o as { error: string }).error }));
  if (failed.length === input.printerIds.length) throw new UserFacingError(failed[0].error);
  return {
    groupId: group.id,
    changed: outcomes.filter((o) => o.ok && o.changed).map((o) => ({ id: o.id, name: o.name })),
    failed,
  };
}

export function assignPrintersToGroup(ctx: OrgContext, input: { groupId: string; printerIds: string[] }) {
  return changeGroupPrinters(ctx, input, assignGroups);
}

export function unassignPrintersFromGroup(ctx: OrgContext, input: { groupId: string; printerIds: string[] }) {
  return changeGroupPrinters(ctx, input, unassignGroups);
}

/** Sets (or clears, with null) a printer's manual driver: PATCH `driver_id` (§3.7, §4 #11). */
export async function setPrinterDriver(
  ctx: OrgContext,
  input: { printerId: string; driverId: string | null; vendor?: string },
): Promise<{ printerId: string; printerName: string; manualDriver: DriverRefView | null; changed: boolean }> {
  const before = await getPrinter(ctx, input.printerId);
  if ((before.manualDriverId ?? null) === input.driverId) {
    return {
      printerId: before.id,
      printerName: before.name,
      manualDriver: before.manualDriver,
      changed: false,
    };
  }
  const describe = (d: DriverRefView | null) =>
    d ? `${d.name ?? d.id}${d.vendor ? ` (${d.vendor})` : ""}` : "none";
  let chosen: DriverRefView | null = null;
  if (input.driverId) {
    const names = new Map<string, DriverName>();
    if (input.vendor) {
      for await (const d of ezeepFor(ctx.organization).drivers.iterate({
        vendor: input.vendor,
        pageSize: 100,
      }))
        names.set(d.id, { name: d.readable_name || d.name, vendor: d.vendor || input.vendor });
      if (!names.has(input.driverId)) {
        throw new UserFacingError(
          `This driver is not in ezeep's list for ${input.vendor}. Choose the driver again.`,
          {
            driverId: ["Choose a driver from the list."],
          },
        );
      }
    } else {
      await findMissingDrivers(ctx, [input.driverId], names);
    }
    chosen = driverRef(input.driverId, true, names);
  }
  return audited(ctx, {
    action: "printer.set_driver",
    target: { type: "printer", id: before.id, label: before.name },
    before: { manualDriver: describe(before.manualDriver), manualDriverId: before.manualDriverId },
    intended: { manualDriver: describe(chosen), manualDriverId: input.driverId },
    run: async () => {
      const updated = await ezeepFor(ctx.organization).printers.update(before.id, {
        driver_id: input.driverId,
      });
      // ezeep shows the chosen driver back in manual_driver_id (§3.7).
      const manualId = updated.manual_driver_id ?? null;
      const manualDriver = manualId
        ? manualId === chosen?.id
          ? chosen
          : { id: manualId, name: null, vendor: null, manual: true }
        : null;
      return {
        result: { printerId: before.id, printerName: before.name, manualDriver, changed: true },
        after: { manualDriver: describe(manualDriver), manualDriverId: manualId },
      };
    },
  });
}
