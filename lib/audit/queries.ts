// Reading the audit log: keyset pagination on id (newest first) over the filters
// (lib/audit/query-params.ts, lib/audit/id-ranges.ts), one entry with its chain status, filter
// choices and the batches an export streams. Every query is scoped to one chain: an organization
// (or the portal-wide entries); lib/audit/scope.ts decides which ones a viewer may read.
import "server-only";

import { performance } from "node:perf_hooks";

import { toView, type AuditEntryView } from "@/lib/audit/entry-view";
import {
  auditWhere,
  dateIdBounds,
  idRange,
  inDateRange,
  newestId,
  type AuditScope,
  type IdBounds,
} from "@/lib/audit/id-ranges";
import { contentProblem } from "@/lib/audit/link";
import type { AuditFilters, AuditQuery } from "@/lib/audit/query-params";
import { withSettlements } from "@/lib/audit/settlements";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { AuditEntry, Prisma } from "@/lib/generated/sqlite/client";

// Callers import the whole read side from here.
export * from "@/lib/audit/entry-view";
export * from "@/lib/audit/id-ranges";
export * from "@/lib/audit/query-params";

/** Free-text search reads the log in id windows of this size, newest first… */
export const SEARCH_WINDOW = 5_000;
/** …for about this long per request (at least one window); the page then offers to continue further back. */
export const SEARCH_TIME_BUDGET_MS = 12;

export interface AuditPage {
  entries: AuditEntryView[];
  /** cursor for the next (older) page, or null at the end */
  nextBefore: number | null;
  /** set when a search stopped at its budget before filling the page: it reached ids down to this one */
  searchedDownTo: number | null;
}

export async function listAuditEntriesIn(scope: AuditScope, query: AuditQuery): Promise<AuditPage> {
  const page = await findAuditEntries(scope, query);
  return { ...page, entries: await withSettlements(page.entries) };
}

const EMPTY_PAGE: AuditPage = { entries: [], nextBefore: null, searchedDownTo: null };

async function findAuditEntries(scope: AuditScope, query: AuditQuery): Promise<AuditPage> {
  const bounds = await dateIdBounds(scope, query);
  if (!bounds) return EMPTY_PAGE;
  const where = auditWhere(scope, query, { dates: false });
  return query.q ? searchPage(scope, query, where, bounds) : filteredPage(scope, query, where, bounds);
}

/** Without free text: a keyset scan down the id index, re-read until the page is full. */
async function filteredPage(
  scope: AuditScope,
  query: AuditQuery,
  where: Prisma.AuditEntryWhereInput,
  bounds: IdBounds,
): Promise<AuditPage> {
  const found: AuditEntryView[] = [];
  // Always bound the id from above: SQLite then walks the (organizationId, …, id) index
  // backwards even without planner statistics, instead of scanning the table by rowid.
  const start = query.before ?? (await newestId(scope));
  if (start === null) return EMPTY_PAGE;
  let before: number = start;
  for (;;) {
    const take = query.limit + 1 - found.length;
    const rows = await db.auditEntry.findMany({
      where: { ...where, id: idRange(bounds, before) },
      orderBy: { id: "desc" },
      take,
    });
    found.push(...rows.filter((r) => inDateRange(r.at, query)).map(toView));
    if (rows.length < take || found.length > query.limit) break;
    before = rows[rows.length - 1].id;
  }
  const entries = found.slice(0, query.limit);
  return {
    entries,
    nextBefore: found.length > query.limit ? entries[entries.length - 1].id : null,
    searchedDownTo: null,
  };
}

/**
 * Substring search cannot use an index: scan bounded id windows, newest first, for a bounded
 * time, so a request costs about the same however large the log is.
 */
async function searchPage(
  scope: AuditScope,
  query: AuditQuery,
  where: Prisma.AuditEntryWhereInput,
  bounds: IdBounds,
): Promise<AuditPage> {
  const span = await idSpan(scope, bounds);
  if (!span) return EMPTY_PAGE;
  let upper = Math.min(query.before ?? span.newest + 1, span.newest + 1);
  const found: AuditEntryView[] = [];
  const started = performance.now();
  let windows = 0;
  while (upper > span.oldest && (windows === 0 || performance.now() - started < SEARCH_TIME_BUDGET_MS)) {
    const lower = Math.max(span.oldest, upper - SEARCH_WINDOW);
    const rows = await db.auditEntry.findMany({
      where: { ...where, id: { lt: upper, gte: lower } },
      orderBy: { id: "desc" },
      take: query.limit + 1 - found.length,
    });
    windows++;
    found.push(...rows.filter((r) => inDateRange(r.at, query)).map(toView));
    if (found.length > query.limit) {
      const entries = found.slice(0, query.limit);
      return { entries, nextBefore: entries[entries.length - 1].id, searchedDownTo: null };
    }
    upper = lower;
  }
  const exhausted = upper <= span.oldest;
  return { entries: found, nextBefore: exhausted ? null : upper, searchedDownTo: exhausted ? null : upper };
}

/** The newest and oldest id within the bounds, or null when none is there. */
async function idSpan(
  scope: AuditScope,
  bounds: IdBounds,
): Promise<{ newest: number; oldest: number } | null> {
  const where = { organizationId: scope.organizationId, id: idRange(bounds) };
  const [newest, oldest] = await Promise.all([
    db.auditEntry.findFirst({ where, orderBy: { id: "desc" }, select: { id: true } }),
    db.auditEntry.findFirst({ where, orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  return newest && oldest ? { newest: newest.id, oldest: oldest.id } : null;
}

/** The organization's entries (kept for existing callers, e.g. the group detail page). */
export async function listAuditEntries(ctx: OrgContext, query: AuditQuery) {
  return listAuditEntriesIn({ organizationId: ctx.organization.id }, query);
}

export async function getAuditEntry(
  id: number,
): Promise<(AuditEntryView & { hashValid: boolean | null }) | null> {
  const row = await db.auditEntry.findUnique({ where: { id } });
  if (!row) return null;
  const [view] = await withSettlements([toView(row)]);
  return { ...view, hashValid: row.hash === null ? null : contentProblem(row) === null };
}

/** Filter choices taken from the most recent entries (DISTINCT over a million rows is not cheap). */
export async function recentFilterValues(scope: AuditScope, sample = 5_000) {
  const rows = await db.auditEntry.findMany({
    where: { organizationId: scope.organizationId },
    orderBy: { id: "desc" },
    take: sample,
    select: { action: true, targetType: true, actorId: true, actorLabel: true, actorType: true },
  });
  const actions = new Set<string>();
  const targetTypes = new Set<string>();
  const actors = new Map<string, string>();
  for (const r of rows) {
    actions.add(r.action);
    targetTypes.add(r.targetType);
    if (r.actorId && !actors.has(r.actorId))
      actors.set(r.actorId, r.actorType === "api_token" ? `${r.actorLabel} (API token)` : r.actorLabel);
  }
  return {
    actions: [...actions].sort(),
    targetTypes: [...targetTypes].sort(),
    actors: [...actors.entries()]
      .map(([id, label]) => ({ id, label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

export async function distinctAuditActions(ctx: OrgContext): Promise<string[]> {
  return (await recentFilterValues({ organizationId: ctx.organization.id })).actions;
}

// ---------------------------------------------------------------------------------------------
// Export: the filtered entries, newest first, in keyset batches (memory stays flat).

export async function* auditBatches(
  scope: AuditScope,
  f: AuditFilters,
  batchSize = 1_000,
): AsyncGenerator<AuditEntry[]> {
  const bounds = await dateIdBounds(scope, f);
  if (!bounds) return;
  const where = auditWhere(scope, f, { dates: false });
  const newest = await newestId(scope);
  if (newest === null) return;
  let before: number = newest;
  for (;;) {
    const rows = await db.auditEntry.findMany({
      where: { ...where, id: idRange(bounds, before) },
      orderBy: { id: "desc" },
      take: batchSize,
    });
    if (rows.length === 0) return;
    const kept = rows.filter((r) => inDateRange(r.at, f));
    if (kept.length) yield kept;
    if (rows.length < batchSize) return;
    before = rows[rows.length - 1].id;
  }
}
