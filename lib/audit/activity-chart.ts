// The audit page's activity chart: changes per day in one scope, split by outcome or by action,
// counted in SQL over the same filters as the list (lib/audit/queries.ts).
import "server-only";

import { actionSql } from "@/lib/audit/action-filter";
import { PORTAL_CHAIN } from "@/lib/audit/chain";
import {
  DAY_MS,
  dayEnd,
  dayStart,
  onPostgres,
  OUTCOMES,
  type AuditFilters,
  type AuditScope,
} from "@/lib/audit/queries";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/sqlite/client";

export type ChartSplit = "outcome" | "action";

export interface ActivityChart {
  days: string[];
  series: { key: string; counts: number[] }[];
  split: ChartSplit;
  total: number;
  from: string;
  to: string;
}

export const CHART_MAX_DAYS = 92;
export const CHART_DEFAULT_DAYS = 30;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function sqlConditions(scope: AuditScope, f: AuditFilters, from: Date, to: Date): Prisma.Sql {
  const pg = onPostgres();
  const parts: Prisma.Sql[] = [
    scope.organizationId === null
      ? Prisma.sql`"organizationId" IS NULL`
      : Prisma.sql`"organizationId" = ${scope.organizationId}`,
    Prisma.sql`"at" >= ${from}`,
    Prisma.sql`"at" < ${to}`,
  ];
  if (f.actor) parts.push(Prisma.sql`"actorId" = ${f.actor}`);
  if (f.actorType) parts.push(Prisma.sql`"actorType" = ${f.actorType}`);
  if (f.action) parts.push(actionSql(f.action));
  if (f.outcome) parts.push(Prisma.sql`"outcome" = ${f.outcome}`);
  if (f.targetType) parts.push(Prisma.sql`"targetType" = ${f.targetType}`);
  if (f.targetId) parts.push(Prisma.sql`"targetId" = ${f.targetId}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const op = pg ? Prisma.raw("ILIKE") : Prisma.raw("LIKE");
    const cols = ["action", "targetLabel", "targetId", "actorLabel", "error"].map(
      (c) => Prisma.sql`${Prisma.raw(`"${c}"`)} ${op} ${like} ESCAPE '\\'`,
    );
    parts.push(Prisma.sql`(${Prisma.join(cols, " OR ")})`);
  }
  return Prisma.join(parts, " AND ");
}

export function chartRange(f: AuditFilters, today = new Date()): { from: string; to: string } {
  let to = f.to ?? isoDay(today);
  let from = f.from ?? isoDay(new Date(dayStart(to).getTime() - (CHART_DEFAULT_DAYS - 1) * DAY_MS));
  if (from > to) [from, to] = [to, from];
  const span = Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS) + 1;
  if (span > CHART_MAX_DAYS) from = isoDay(new Date(dayStart(to).getTime() - (CHART_MAX_DAYS - 1) * DAY_MS));
  return { from, to };
}

export async function activityChart(
  scope: AuditScope,
  f: AuditFilters,
  split: ChartSplit,
  today = new Date(),
): Promise<ActivityChart> {
  const range = chartRange(f, today);
  const from = dayStart(range.from);
  const to = dayEnd(range.to);
  const key = split === "outcome" ? Prisma.sql`"outcome"` : Prisma.sql`"action"`;
  let rows: { day: string; k: string; n: number | bigint }[];
  const day = onPostgres() ? Prisma.sql`to_char("at", 'YYYY-MM-DD')` : Prisma.sql`substr("at", 1, 10)`;
  if (!f.q && !f.actor && !f.actorType && !f.targetType && !f.targetId) {
    // The daily counts kept with the chain: a few hundred rows instead of every entry. They count
    // an entry once it has its outcome, so the entries still waiting for one (few; the
    // outcome index finds them) are added, and the chart agrees with the list at every moment.
    const chain = scope.organizationId ?? PORTAL_CHAIN;
    const [counted, waiting] = await Promise.all([
      db.$queryRaw<typeof rows>`
      SELECT "day", ${key} AS "k", SUM("count") AS "n" FROM "AuditDailyCount"
      WHERE "chain" = ${chain} AND "day" >= ${range.from} AND "day" <= ${range.to}
        ${f.action ? Prisma.sql`AND ${actionSql(f.action)}` : Prisma.empty}
        ${f.outcome ? Prisma.sql`AND "outcome" = ${f.outcome}` : Prisma.empty}
      GROUP BY 1, 2`,
      f.outcome && f.outcome !== "pending"
        ? []
        : db.$queryRaw<typeof rows>`
      SELECT ${day} AS "day", ${key} AS "k", COUNT(*) AS "n" FROM "AuditEntry"
      WHERE ${sqlConditions(scope, f, from, to)} AND "outcome" = 'pending' AND "completionHash" IS NULL
      GROUP BY 1, 2`,
    ]);
    rows = [...counted, ...waiting];
  } else {
    rows = await db.$queryRaw`
      SELECT ${day} AS "day", ${key} AS "k", COUNT(*) AS "n"
      FROM "AuditEntry" WHERE ${sqlConditions(scope, f, from, to)}
      GROUP BY 1, 2`;
  }
  const days: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS) days.push(isoDay(new Date(t)));
  const index = new Map(days.map((d, i) => [d, i]));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.k, (totals.get(r.k) ?? 0) + Number(r.n));
  let keys: string[];
  if (split === "outcome") {
    keys = OUTCOMES.filter((o) => totals.has(o));
  } else {
    const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    keys = ranked.length > 6 ? [...ranked.slice(0, 5), "other"] : ranked;
  }
  const series = keys.map((k) => ({ key: k, counts: days.map(() => 0) }));
  const byKey = new Map(series.map((s) => [s.key, s]));
  let total = 0;
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    const s = byKey.get(r.k) ?? byKey.get("other");
    if (!s) continue;
    s.counts[i] += Number(r.n);
    total += Number(r.n);
  }
  return { days, series, split, total, ...range };
}

// ---------------------------------------------------------------------------------------------
// Export: the filtered entries, newest first, in keyset batches (memory stays flat).
