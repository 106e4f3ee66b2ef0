// One printer's page: the printer with capabilities and drivers, who can print there, and the
// printers one user can print to (union over the user's groups, docs/ezeep.md assignments).
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { mapPool } from "@/lib/concurrency";
import { UserFacingError } from "@/lib/errors";
import { EzeepError, type Printer } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { ezeepFor } from "@/lib/organizations/service";
import {
  connectorMap,
  driverNames,
  findMissingDrivers,
  findRawPrinter,
  readAssignments,
} from "@/lib/printers/reading";
import {
  byName,
  driverRef,
  summarizeBlob,
  toPrinterView,
  type GroupRefView,
  type PrinterDetail,
} from "@/lib/printers/views";

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
  if (!printer) throw new UserFacingError((await translator("printers"))("errors.printerNotFound"));
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
  await mapPool(groupIds, 4, async (groupId) => {
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
