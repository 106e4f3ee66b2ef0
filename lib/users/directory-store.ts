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

import { db } from "@/lib/db";
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

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
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
    for (const c of changes) {
      const data = c.row ? JSON.stringify(c.row) : null;
      await tx.directoryEntry.upsert({
        where: { organizationId_kind_id: { organizationId, kind: c.kind, id: c.id } },
        create: { organizationId, kind: c.kind, id: c.id, data, seq },
        update: { data, seq },
      });
    }
    return true;
  });
}

interface Diff {
  create: { kind: EntryKind; id: string; data: string }[];
  update: { kind: EntryKind; id: string; data: string | null }[];
}

/** What differs between the stored rows and a fresh build, leaving rows changed after `sinceSeq` alone. */
function diffBuild(stored: StoredEntry[], build: DirectoryBuild, sinceSeq: number): Diff {
  const current = new Map(stored.map((e) => [`${e.kind}:${e.id}`, e]));
  const diff: Diff = { create: [], update: [] };
  const seen = new Set<string>();
  const visit = (kind: EntryKind, id: string, data: string) => {
    const key = `${kind}:${id}`;
    seen.add(key);
    const existing = current.get(key);
    if (!existing) diff.create.push({ kind, id, data });
    else if (existing.data !== data && existing.seq <= sinceSeq) diff.update.push({ kind, id, data });
  };
  for (const u of build.users) visit("user", u.id, JSON.stringify(u));
  for (const g of build.groups) visit("group", g.id, JSON.stringify(g));
  for (const e of stored) {
    if (e.data !== null && e.seq <= sinceSeq && !seen.has(`${e.kind}:${e.id}`))
      diff.update.push({ kind: e.kind as EntryKind, id: e.id, data: null });
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
): Promise<number> {
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
      for (const part of chunks(diff.create))
        await tx.directoryEntry.createMany({ data: part.map((c) => ({ organizationId, ...c, seq })) });
      for (const u of diff.update)
        await tx.directoryEntry.update({
          where: { organizationId_kind_id: { organizationId, kind: u.kind, id: u.id } },
          data: { data: u.data, seq },
        });
      const purgeBelow = seq - TOMBSTONE_KEEP;
      if (purgeBelow > state.purgedSeq) {
        await tx.directoryEntry.deleteMany({
          where: { organizationId, data: null, seq: { lte: purgeBelow } },
        });
        await tx.directoryState.update({ where: { organizationId }, data: { purgedSeq: purgeBelow } });
      }
      return diff.create.length + diff.update.length;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
