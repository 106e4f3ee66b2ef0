// The users directory's database tables (DirectoryState, DirectoryEntry): one copy per
// organization that every portal instance reads, so all instances show the same users and none
// rebuilds it from ezeep on a page view.
//
// Versioning: every write bumps the organization's DirectoryState.seq and stamps the rows it
// writes with the new seq, in one transaction (the state row's lock serializes writers per
// organization), so "rows with seq > n" is exactly what changed since a reader's copy n. A removed
// user or group stays as a tombstone (data null) until a full refresh purges old tombstones and
// records purgedSeq: a reader older than that reloads everything.
import "server-only";

import { chunk } from "@/lib/concurrency";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { DirectoryBuild, GroupRef, UserRow } from "@/lib/users/directory-build";

export type EntryKind = "user" | "group";

export interface EntryChange {
  kind: EntryKind;
  id: string;
  /** The new row; null removes it. */
  row: UserRow | GroupRef | null;
}

export interface StoredState {
  seq: number;
  purgedSeq: number;
  builtAt: Date | null;
  buildMs: number;
}

export interface StoredEntry {
  kind: string;
  id: string;
  data: string | null;
  seq: number;
}

export function readState(organizationId: string): Promise<StoredState | null> {
  return db.directoryState.findUnique({ where: { organizationId } });
}

/** Rows changed after `afterSeq` (all live rows when null), oldest change first. */
export function readEntries(organizationId: string, afterSeq: number | null): Promise<StoredEntry[]> {
  return db.directoryEntry.findMany({
    where:
      afterSeq === null ? { organizationId, data: { not: null } } : { organizationId, seq: { gt: afterSeq } },
    select: { kind: true, id: true, data: true, seq: true },
    orderBy: { seq: "asc" },
  });
}

export function readEntry(organizationId: string, kind: EntryKind, id: string): Promise<StoredEntry | null> {
  return db.directoryEntry.findUnique({
    where: { organizationId_kind_id: { organizationId, kind, id } },
    select: { kind: true, id: true, data: true, seq: true },
  });
}

/** Several rows of one kind in one query (rows missing from the directory are left out). */
export function readEntriesOf(
  organizationId: string,
  kind: EntryKind,
  ids: string[],
): Promise<StoredEntry[]> {
  return db.directoryEntry.findMany({
    where: { organizationId, kind, id: { in: ids } },
    select: { kind: true, id: true, data: true, seq: true },
  });
}

/**
 * Live rows of one kind whose stored JSON contains any of `texts`, in one pass over the rows (a
 * coarse match: callers check the row).
 */
export function readEntriesContaining(
  organizationId: string,
  kind: EntryKind,
  texts: string[],
): Promise<StoredEntry[]> {
  return db.directoryEntry.findMany({
    where: { organizationId, kind, OR: texts.map((text) => ({ data: { contains: text } })) },
    select: { kind: true, id: true, data: true, seq: true },
  });
}

const ROWS_PER_STATEMENT = 500;

interface EntryWrite {
  kind: EntryKind;
  id: string;
  data: string | null;
}

/**
 * Inserts or replaces rows, a few hundred per statement. One SQL statement for both databases
 * (SQLite ≥ 3.24 and PostgreSQL share ON CONFLICT … excluded): Prisma's createMany/upsert cost
 * about six times the CPU for a 10,000-user directory (`npm run bench`).
 */
async function upsertEntries(tx: Tx, organizationId: string, rows: EntryWrite[], seq: number): Promise<void> {
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    const values = part.map((r) => Prisma.sql`(${organizationId}, ${r.kind}, ${r.id}, ${r.data}, ${seq})`);
    await tx.$executeRaw`INSERT INTO "DirectoryEntry" ("organizationId", "kind", "id", "data", "seq")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("organizationId", "kind", "id") DO UPDATE SET "data" = excluded."data", "seq" = excluded."seq"`;
  }
}

/** Applies the portal's own changes at once (a no-op for an organization never built). */
export async function writeChanges(organizationId: string, changes: EntryChange[]): Promise<boolean> {
  if (changes.length === 0) return false;
  return db.$transaction(async (tx) => {
    const state = await tx.directoryState.updateMany({
      where: { organizationId, builtAt: { not: null } },
      data: { seq: { increment: 1 } },
    });
    if (state.count === 0) return false;
    const { seq } = (await tx.directoryState.findUnique({
      where: { organizationId },
      select: { seq: true },
    }))!;
    const rows = changes.map((c) => ({ kind: c.kind, id: c.id, data: c.row ? JSON.stringify(c.row) : null }));
    await upsertEntries(tx, organizationId, rows, seq);
    return true;
  });
}

/** The directory as stored after a build, as objects (so the builder need not read it back). */
export interface BuiltDirectory {
  /** Rows written (new, changed and removed). */
  changed: number;
  seq: number;
  builtAt: Date;
  buildMs: number;
  users: UserRow[];
  groups: GroupRef[];
}

interface Diff {
  writes: EntryWrite[];
  users: UserRow[];
  groups: GroupRef[];
}

/**
 * What differs between the stored rows and a fresh build, leaving rows changed after `sinceSeq`
 * alone (the portal's own newer changes), and the live rows that result.
 */
function diffBuild(stored: StoredEntry[], build: DirectoryBuild, sinceSeq: number): Diff {
  const current = new Map(stored.map((e) => [`${e.kind}:${e.id}`, e]));
  const diff: Diff = { writes: [], users: [], groups: [] };
  const seen = new Set<string>();
  const visit = <T extends UserRow | GroupRef>(kind: EntryKind, row: T, live: T[]) => {
    const key = `${kind}:${row.id}`;
    seen.add(key);
    const existing = current.get(key);
    if (existing && existing.seq > sinceSeq) {
      if (existing.data !== null) live.push(JSON.parse(existing.data) as T);
      return;
    }
    live.push(row);
    const data = JSON.stringify(row);
    if (existing?.data !== data) diff.writes.push({ kind, id: row.id, data });
  };
  for (const u of build.users) visit("user", u, diff.users);
  for (const g of build.groups) visit("group", g, diff.groups);
  for (const e of stored) {
    if (e.data === null || seen.has(`${e.kind}:${e.id}`)) continue;
    if (e.seq <= sinceSeq) diff.writes.push({ kind: e.kind as EntryKind, id: e.id, data: null });
    else if (e.kind === "group") diff.groups.push(JSON.parse(e.data) as GroupRef);
    else diff.users.push(JSON.parse(e.data) as UserRow);
  }
  return diff;
}

/** Tombstones are kept this many versions, so readers a little behind still see the removals. */
const TOMBSTONE_KEEP = 1_000;

/**
 * Writes a full build: only the rows that differ (plus tombstones for removed ones). Rows the
 * portal changed while the build was reading ezeep (seq > sinceSeq) keep the newer local value.
 */
export async function writeBuild(
  organizationId: string,
  build: DirectoryBuild,
  sinceSeq: number,
): Promise<BuiltDirectory> {
  return db.$transaction(
    async (tx) => {
      await tx.directoryState.upsert({
        where: { organizationId },
        create: { organizationId, seq: 1, builtAt: new Date(), buildMs: build.buildMs },
        update: { seq: { increment: 1 }, builtAt: new Date(), buildMs: build.buildMs },
      });
      const state = (await tx.directoryState.findUnique({ where: { organizationId } }))!;
      const stored = await tx.directoryEntry.findMany({
        where: { organizationId },
        select: { kind: true, id: true, data: true, seq: true },
      });
      const diff = diffBuild(stored, build, sinceSeq);
      const seq = state.seq;
      await upsertEntries(tx, organizationId, diff.writes, seq);
      const purgeBelow = seq - TOMBSTONE_KEEP;
      if (purgeBelow > state.purgedSeq) {
        await tx.directoryEntry.deleteMany({
          where: { organizationId, data: null, seq: { lte: purgeBelow } },
        });
        await tx.directoryState.update({ where: { organizationId }, data: { purgedSeq: purgeBelow } });
      }
      return {
        changed: diff.writes.length,
        seq,
        builtAt: state.builtAt!,
        buildMs: state.buildMs,
        users: diff.users,
        groups: diff.groups,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
