// Reading the audit log: filters (actor, action, target, organization, outcome, dates, free
// text), keyset pagination on id (newest first), one entry with its chain status and the batches an export streams. Every query is scoped to one chain: an organization
// (or the portal-wide entries); lib/audit/scope.ts decides which ones a viewer may read.
import "server-only";

import { performance } from "node:perf_hooks";

import { z } from "zod";

import { actionWhere } from "@/lib/audit/action-filter";
import { contentProblem } from "@/lib/audit/link";
import { withSettlements, type Settlement } from "@/lib/audit/settlements";
import type { OrgContext } from "@/lib/auth/context";
import { db, isPostgresUrl } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma, type AuditEntry } from "@/lib/generated/sqlite/client";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .catch(undefined)
  .transform((v) => (v && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined));

export const ACTOR_TYPES = ["admin", "api_token", "system", "external"] as const;
export const OUTCOMES = ["success", "failure", "unknown", "pending"] as const;

export const auditQuerySchema = z.object({
  /** free text in action, target, actor and error */
  q: optionalText(100),
  /** actor id (admin id, API token id) */
  actor: optionalText(100),
  actorType: z.enum(ACTOR_TYPES).optional().catch(undefined),
  action: optionalText(100),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  targetType: optionalText(50),
  targetId: optionalText(100),
  /** organization id, or "portal" for portal-wide entries; default: the current organization */
  org: optionalText(100),
  /** UTC days, inclusive */
  from: optionalDate,
  to: optionalDate,
  /** keyset cursor: entries with a smaller id */
  before: z.coerce.number().int().positive().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});
type ParsedQuery = z.output<typeof auditQuerySchema>;
export type AuditQuery = { [K in Exclude<keyof ParsedQuery, "limit">]?: ParsedQuery[K] } & { limit: number };
export type AuditFilters = Omit<AuditQuery, "before" | "limit">;

/** The filter keys a URL carries (shareable views). */
export const FILTER_KEYS = [
  "q",
  "actor",
  "actorType",
  "action",
  "outcome",
  "targetType",
  "targetId",
  "org",
  "from",
  "to",
] as const;

export function parseAuditQuery(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): AuditQuery {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  return auditQuerySchema.parse(
    Object.fromEntries(entries.filter(([, v]) => typeof v === "string" && v !== "")),
  );
}

export function filterSearchParams(
  query: Partial<AuditQuery>,
  extra: Record<string, string | number | null | undefined> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = query[key];
    if (v !== undefined && v !== null && v !== "") params.set(key, String(v));
  }
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  return params;
}

export function hasFilters(query: Partial<AuditQuery>): boolean {
  return FILTER_KEYS.some((k) => k !== "org" && query[k] !== undefined);
}

export interface AuditEntryView {
  id: number;
  organizationId: string | null;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  ezeepStatus: number | null;
  error: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  completedAt: Date | null;
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
  /** A settling entry: the "unknown" entry it settles (lib/audit/settlements.ts). */
  reconcilesId: number | null;
  /** An "unknown" entry: the entry that settles it, null while none does (lists and detail only). */
  settledBy?: Settlement | null;
}

export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toView(r: AuditEntry): AuditEntryView {
  return {
    id: r.id,
    organizationId: r.organizationId,
    at: r.at,
    actorType: r.actorType,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetLabel,
    before: parseJson(r.before),
    after: parseJson(r.after),
    outcome: r.outcome,
    ezeepStatus: r.ezeepStatus,
    error: r.error,
    ip: r.ip,
    userAgent: r.userAgent,
    requestId: r.requestId,
    completedAt: r.completedAt,
    chainSeq: r.chainSeq,
    prevHash: r.prevHash,
    hash: r.hash,
    reconcilesId: r.reconcilesId,
  };
}

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

/** Entries may be a little out of `at` order relative to id (set before the chain lock): bound ids with this margin. */
const DATE_MARGIN_MS = 2 * 60_000;

/**
 * A date range as an id range (two index seeks on (organizationId, at)), so the newest-first
 * keyset scan stays on the id index; `at` itself is checked on the rows read (inDateRange).
 * null = no entry can match.
 */
export async function dateIdBounds(
  scope: AuditScope,
  f: AuditFilters,
): Promise<{ gte?: number; lt?: number } | null> {
  const bounds: { gte?: number; lt?: number } = {};
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

function idRange(bounds: { gte?: number; lt?: number }, lt?: number) {
  const upper = bounds.lt !== undefined && lt !== undefined ? Math.min(bounds.lt, lt) : (lt ?? bounds.lt);
  return {
    ...(bounds.gte !== undefined ? { gte: bounds.gte } : {}),
    ...(upper !== undefined ? { lt: upper } : {}),
  };
}

/** One past the newest entry's id in the scope (covering index seek), or null when it is empty. */
async function newestId(scope: AuditScope): Promise<number | null> {
  const row = await db.auditEntry.findFirst({
    where: { organizationId: scope.organizationId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row ? row.id + 1 : null;
}

export async function listAuditEntriesIn(scope: AuditScope, query: AuditQuery): Promise<AuditPage> {
  const page = await findAuditEntries(scope, query);
  return { ...page, entries: await withSettlements(page.entries) };
}

async function findAuditEntries(scope: AuditScope, query: AuditQuery): Promise<AuditPage> {
  const bounds = await dateIdBounds(scope, query);
  if (!bounds) return { entries: [], nextBefore: null, searchedDownTo: null };
  const where = auditWhere(scope, query, { dates: false });
  if (!query.q) {
    const found: AuditEntryView[] = [];
    // Always bound the id from above: SQLite then walks the (organizationId, …, id) index
    // backwards even without planner statistics, instead of scanning the table by rowid.
    const start = query.before ?? (await newestId(scope));
    if (start === null) return { entries: [], nextBefore: null, searchedDownTo: null };
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
  // Substring search cannot use an index: scan bounded id windows, newest first, for a bounded
  // time, so a request costs about the same however large the log is.
  const [newest, oldest] = await Promise.all([
    db.auditEntry.findFirst({
      where: { organizationId: scope.organizationId, id: idRange(bounds) },
      orderBy: { id: "desc" },
      select: { id: true },
    }),
    db.auditEntry.findFirst({
      where: { organizationId: scope.organizationId, id: idRange(bounds) },
      orderBy: { id: "asc" },
      select: { id: true },
    }),
  ]);
  if (!newest || !oldest) return { entries: [], nextBefore: null, searchedDownTo: null };
  let upper = Math.min(query.before ?? newest.id + 1, newest.id + 1);
  const found: AuditEntryView[] = [];
  const started = performance.now();
  let windows = 0;
  while (upper > oldest.id && (windows === 0 || performance.now() - started < SEARCH_TIME_BUDGET_MS)) {
    const lower = Math.max(oldest.id, upper - SEARCH_WINDOW);
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
  const exhausted = upper <= oldest.id;
  return { entries: found, nextBefore: exhausted ? null : upper, searchedDownTo: exhausted ? null : upper };
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
