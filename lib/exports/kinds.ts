import type { RecordedActionName } from "@/lib/audit/actions-catalog";

import "server-only";

// What each list export reads: the list page's own filter schema and service (so the file holds
// exactly what the page shows, on every page of it) and the columns written.
import type { z } from "zod";

import type { OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import type { CsvColumn } from "@/lib/exports/csv";
import { listGroupsSchema } from "@/lib/groups/schemas";
import { listGroups, type GroupView } from "@/lib/groups/service";
import { listPrintersSchema } from "@/lib/printers/schemas";
import { listPrinters, type PrinterView } from "@/lib/printers/service";
import { listUsersSchema } from "@/lib/users/schemas";
import { listUsers, type UserListItem } from "@/lib/users/service";

export const EXPORT_KINDS = ["users", "groups", "printers"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Every row in one call: the services page in memory, so one page as large as the list. */
const ALL = { page: 1, pageSize: Number.MAX_SAFE_INTEGER };

interface ExportDefinition<Q extends z.ZodType, T> {
  /** Audit action name, e.g. "user.export". */
  action: RecordedActionName;
  noun: string;
  /** One row, for "CSV export of 1 user". */
  singular: string;
  permission: Permission;
  filters: Q;
  /** Filter keys worth recording (page and page size are not filters). */
  filterKeys: readonly string[];
  load: (ctx: OrgContext, query: z.output<Q>) => Promise<T[]>;
  columns: readonly CsvColumn<T>[];
}

const names = (refs: readonly { name: string }[]) => refs.map((r) => r.name).join("; ");
const yesNo = (v: boolean) => (v ? "yes" : "no");

const users: ExportDefinition<typeof listUsersSchema, UserListItem> = {
  action: "user.export",
  noun: "users",
  singular: "user",
  permission: "users.read",
  filters: listUsersSchema,
  filterKeys: ["q", "group", "role", "status", "sort", "dir"],
  load: async (ctx, query) => (await listUsers(ctx, { ...query, ...ALL })).items,
  columns: [
    { header: "id", value: (u) => u.id },
    { header: "name", value: (u) => u.name },
    { header: "email", value: (u) => u.email },
    { header: "role", value: (u) => u.role },
    { header: "status", value: (u) => (u.verified ? "active" : "invited") },
    { header: "azure_ad", value: (u) => yesNo(u.azure) },
    { header: "groups", value: (u) => names(u.groups) },
  ],
};

const groups: ExportDefinition<typeof listGroupsSchema, GroupView> = {
  action: "group.export",
  noun: "groups",
  singular: "group",
  permission: "groups.read",
  filters: listGroupsSchema,
  filterKeys: ["q", "origin"],
  load: async (ctx, query) => (await listGroups(ctx, { ...query, ...ALL })).items,
  columns: [
    { header: "id", value: (g) => g.id },
    { header: "name", value: (g) => g.name },
    { header: "description", value: (g) => g.description },
    { header: "origin", value: (g) => g.originLabel },
    { header: "members", value: (g) => g.members },
    { header: "printers", value: (g) => g.printers },
  ],
};

const printers: ExportDefinition<typeof listPrintersSchema, PrinterView> = {
  action: "printer.export",
  noun: "printers",
  singular: "printer",
  permission: "printers.read",
  filters: listPrintersSchema,
  filterKeys: ["q", "connector", "group", "status", "sort", "dir"],
  load: async (ctx, query) => (await listPrinters(ctx, { ...query, ...ALL })).items,
  columns: [
    { header: "id", value: (p) => p.id },
    { header: "name", value: (p) => p.name },
    { header: "status", value: (p) => p.status },
    { header: "location", value: (p) => p.location },
    { header: "vendor", value: (p) => p.vendor },
    { header: "model", value: (p) => p.model },
    { header: "connector", value: (p) => p.connectorName ?? "" },
    { header: "groups", value: (p) => names(p.groups) },
    { header: "driver", value: (p) => p.driver?.name ?? "" },
  ],
};

// Each definition is checked against its own row type above; the handler only needs the shape.
export const EXPORTS = { users, groups, printers } as unknown as Record<
  ExportKind,
  ExportDefinition<z.ZodType<Record<string, unknown>>, unknown>
>;
