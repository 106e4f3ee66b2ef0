// The audit list's "action" filter, shared by the list, the chart and the export so they always
// select the same entries: a family ("group.*": every group action) or one action together with
// the older names it replaced (lib/audit/actions-catalog.ts ACTION_ALIASES).
import { isAuditAction, storedNamesOf } from "@/lib/audit/actions-catalog";
import { Prisma } from "@/lib/generated/sqlite/client";

export type ActionMatch = { family: string } | { names: string[] };

export function actionMatch(filter: string): ActionMatch {
  if (filter.endsWith(".*")) return { family: filter.slice(0, -2) };
  return { names: isAuditAction(filter) ? storedNamesOf(filter) : [filter] };
}

/** "LIKE" patterns treat _ and % specially: a family name like "domain_rule" must match literally. */
function likePrefix(family: string): string {
  return `${family.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
}

export function actionWhere(filter: string): Prisma.AuditEntryWhereInput {
  const m = actionMatch(filter);
  if ("family" in m) return { action: { startsWith: `${m.family}.` } };
  return m.names.length === 1 ? { action: m.names[0] } : { action: { in: m.names } };
}

/** The same condition in SQL, for the chart's queries (column "action"). */
export function actionSql(filter: string): Prisma.Sql {
  const m = actionMatch(filter);
  if ("family" in m) return Prisma.sql`"action" LIKE ${likePrefix(m.family)} ESCAPE '\\'`;
  return Prisma.sql`"action" IN (${Prisma.join(m.names)})`;
}
