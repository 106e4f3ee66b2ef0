// The where clause of the audit filters and the id ranges the keyset scans walk: a date range is
// turned into an id range so every scan stays on the id index (lib/audit/queries.ts, export).
import "server-only";

import { actionWhere } from "@/lib/audit/action-filter";
import type { AuditFilters } from "@/lib/audit/query-params";
import { db, isPostgresUrl } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/sqlite/client";

export function onPostgres(): boolean {
  return isPostgresUrl(env().DATABASE_URL);
}

/** Which chain a query reads: one organization, or the portal-wide entries (null). */
export interface AuditScope {
  organizationId: string | null;
}

export const DAY_MS = 86_400_000;
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
export function dayEnd(day: string): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}

function searchCondition(q: string): Prisma.AuditEntryWhereInput {
  const mode = onPostgres() ? { mode: "insensitive" as const } : {};
  return {
    OR: [
      { action: { contains: q, ...mode } },
      { targetLabel: { contains: q, ...mode } },
      { targetId: { contains: q, ...mode } },
      { actorLabel: { contains: q, ...mode } },
      { error: { contains: q, ...mode } },
    ],
  };
}

/** The where clause of the filters (without the keyset cursor). */
export function auditWhere(
  scope: AuditScope,
  f: AuditFilters,
  opts: { dates?: boolean } = {},
): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if ((opts.dates ?? true) && (f.from || f.to))
    and.push({ at: { ...(f.from ? { gte: dayStart(f.from) } : {}), ...(f.to ? { lt: dayEnd(f.to) } : {}) } });
  if (f.q) and.push(searchCondition(f.q));
  return {
    organizationId: scope.organizationId,
    ...(f.actor ? { actorId: f.actor } : {}),
    ...(f.actorType ? { actorType: f.actorType } : {}),
    ...(f.action ? actionWhere(f.action) : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.targetType ? { targetType: f.targetType } : {}),
    ...(f.targetId ? { targetId: f.targetId } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/** An id range: `gte` from the first day, `lt` past the last one. */
export type IdBounds = { gte?: number; lt?: number };

/** Entries may be a little out of `at` order relative to id (set before the chain lock): bound ids with this margin. */
const DATE_MARGIN_MS = 2 * 60_000;

/**
 * A date range as an id range (two index seeks on (organizationId, at)), so the newest-first
 * keyset scan stays on the id index; `at` itself is checked on the rows read (inDateRange).
 * null = no entry can match.
 */
export async function dateIdBounds(scope: AuditScope, f: AuditFilters): Promise<IdBounds | null> {
  const bounds: IdBounds = {};
  if (f.from) {
    const first = await db.auditEntry.findFirst({
      where: {
        organizationId: scope.organizationId,
        at: { gte: new Date(dayStart(f.from).getTime() - DATE_MARGIN_MS) },
      },
      orderBy: { at: "asc" },
      select: { id: true },
    });
    if (!first) return null;
    bounds.gte = first.id;
  }
  if (f.to) {
    const after = await db.auditEntry.findFirst({
      where: {
        organizationId: scope.organizationId,
        at: { gte: new Date(dayEnd(f.to).getTime() + DATE_MARGIN_MS) },
      },
      orderBy: { at: "asc" },
      select: { id: true },
    });
    if (after) bounds.lt = after.id;
  }
  return bounds;
}

export function inDateRange(at: Date, f: AuditFilters): boolean {
  return (!f.from || at >= dayStart(f.from)) && (!f.to || at < dayEnd(f.to));
}

export function idRange(bounds: IdBounds, lt?: number) {
  const upper = bounds.lt !== undefined && lt !== undefined ? Math.min(bounds.lt, lt) : (lt ?? bounds.lt);
  return {
    ...(bounds.gte !== undefined ? { gte: bounds.gte } : {}),
    ...(upper !== undefined ? { lt: upper } : {}),
  };
}

/** One past the newest entry's id in the scope (covering index seek), or null when it is empty. */
export async function newestId(scope: AuditScope): Promise<number | null> {
  const row = await db.auditEntry.findFirst({
    where: { organizationId: scope.organizationId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row ? row.id + 1 : null;
}
