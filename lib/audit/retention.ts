// Retention and upkeep of the audit log.
//  * pruneAuditLog: deletes chained entries older than the retention period (AUDIT_RETENTION_DAYS,
//    default 365) from the start of each chain, keeps the last pruned entry's position and hash
//    as the chain's checkpoint (so what remains still verifies), and records "audit.prune" in the
//    same transaction. A two-phase entry is pruned only together with its completion link. The
//    append-only triggers let a DELETE through only for entries within the checkpoint, which is
//    moved first (and on PostgreSQL only inside this transaction: SET LOCAL portal.audit_retention).
//  * sealStalePending: a two-phase entry whose process died between "pending" and its completion
//    gets its completion link as it is ("outcome unknown") after a grace period, after which the
//    triggers refuse any later "completion".
import "server-only";

import { chainKey, chainOrganizationId, withChain, type ChainHead, type Tx } from "@/lib/audit/chain";
import { KEYED_HASH_VERSION } from "@/lib/audit/link";
import { appendLocked, AuditEntryClosedError, completeEntry } from "@/lib/audit/service";
import { chainKeys } from "@/lib/audit/verify";
import { db, isPostgresUrl } from "@/lib/db";
import { env } from "@/lib/env";
import { moduleLogger } from "@/lib/observability/logger";

export const DEFAULT_RETENTION_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionDays(): number {
  return env().AUDIT_RETENTION_DAYS;
}

function onPostgres(): boolean {
  return isPostgresUrl(env().DATABASE_URL);
}

export interface PruneResult {
  key: string;
  organizationId: string | null;
  deleted: number;
  checkpointSeq: number;
}

/**
 * The last position that may be pruned: before the first entry still within retention, and
 * before any entry whose completion lies after that point (or has not happened yet).
 */
async function lastPrunablePosition(tx: Tx, organizationId: string | null, head: ChainHead, cutoff: Date) {
  const firstKept = await tx.auditEntry.findFirst({
    where: { organizationId, chainSeq: { gt: head.checkpointSeq }, at: { gte: cutoff } },
    orderBy: { chainSeq: "asc" },
    select: { chainSeq: true },
  });
  const pruneTo = firstKept ? firstKept.chainSeq! - 1 : head.seq;
  const straddling = await tx.auditEntry.findFirst({
    where: {
      organizationId,
      chainSeq: { gt: head.checkpointSeq, lte: pruneTo },
      OR: [
        { completionSeq: { gt: pruneTo } },
        { outcome: "pending", completionHash: null, hashVersion: KEYED_HASH_VERSION },
      ],
    },
    orderBy: { chainSeq: "asc" },
    select: { chainSeq: true },
  });
  return straddling ? straddling.chainSeq! - 1 : pruneTo;
}

/** The hash of the link at `seq`: an entry as written, or a completion. */
async function linkHashAt(tx: Tx, organizationId: string | null, seq: number): Promise<string | null> {
  const row = await tx.auditEntry.findFirst({
    where: { organizationId, OR: [{ chainSeq: seq }, { completionSeq: seq }] },
    select: { chainSeq: true, hash: true, completionHash: true },
  });
  if (!row) return null;
  return row.chainSeq === seq ? row.hash : row.completionHash;
}

export async function pruneChain(key: string, cutoff: Date): Promise<PruneResult> {
  const organizationId = chainOrganizationId(key);
  return withChain(key, async (chain) => {
    const { tx, head } = chain;
    const pruneTo = await lastPrunablePosition(tx, organizationId, head, cutoff);
    if (pruneTo <= head.checkpointSeq)
      return { key, organizationId, deleted: 0, checkpointSeq: head.checkpointSeq };
    const lastHash = await linkHashAt(tx, organizationId, pruneTo);
    if (!lastHash) {
      // A broken chain is evidence: keep everything (no throw here, see completeEntry).
      moduleLogger("audit").error(
        `chain ${key}: entry ${pruneTo} is missing; not pruning (run npm run audit:verify)`,
      );
      return { key, organizationId, deleted: 0, checkpointSeq: head.checkpointSeq };
    }
    if (onPostgres()) await tx.$executeRawUnsafe(`SET LOCAL portal.audit_retention = 'on'`);
    // The checkpoint moves first: the triggers allow deleting only what lies within it.
    await tx.auditChain.update({
      where: { key },
      data: { checkpointSeq: pruneTo, checkpointHash: lastHash, prunedAt: new Date() },
    });
    const { count } = await tx.auditEntry.deleteMany({
      where: { organizationId, chainSeq: { gt: head.checkpointSeq, lte: pruneTo } },
    });
    await tx.auditDailyCount.deleteMany({
      where: { chain: key, day: { lt: cutoff.toISOString().slice(0, 10) } },
    });
    const checkpointBefore = head.checkpointSeq;
    head.checkpointSeq = pruneTo;
    head.checkpointHash = lastHash;
    await appendLocked(chain, {
      organizationId,
      actor: { type: "system", id: null, label: "Audit retention" },
      action: "audit.prune",
      target: { type: "audit", label: organizationId ? "Audit log" : "Portal-wide audit log" },
      before: { checkpointSeq: checkpointBefore },
      after: {
        cutoff: cutoff.toISOString(),
        deleted: count,
        checkpointSeq: pruneTo,
        checkpointHash: lastHash,
      },
      outcome: "success",
    });
    return { key, organizationId, deleted: count, checkpointSeq: pruneTo };
  });
}

/** Prunes every chain; returns what was removed. */
export async function pruneAuditLog(opts: { now?: Date; days?: number } = {}): Promise<PruneResult[]> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.days ?? retentionDays()) * DAY_MS);
  const results: PruneResult[] = [];
  for (const key of await chainKeys()) results.push(await pruneChain(key, cutoff));
  return results;
}

export const STALE_PENDING_MS = 15 * 60 * 1000;

/** Completes pending entries older than `olderThanMs` in their chains, still "outcome unknown". */
export async function sealStalePending(opts: { now?: Date; olderThanMs?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const stale = await db.auditEntry.findMany({
    where: {
      outcome: "pending",
      completionHash: null,
      // legacy entries sealed before the chain was keyed are linked already, without a completion
      OR: [{ chainSeq: null }, { hashVersion: KEYED_HASH_VERSION }],
      at: { lt: new Date(now.getTime() - (opts.olderThanMs ?? STALE_PENDING_MS)) },
    },
    orderBy: { id: "asc" },
    select: { id: true },
    take: 10_000,
  });
  let sealed = 0;
  for (const { id } of stale) {
    try {
      await completeEntry(id, { outcome: "pending", completedAt: null });
      sealed++;
    } catch (err) {
      if (!(err instanceof AuditEntryClosedError)) throw err;
    }
  }
  return sealed;
}

/**
 * SQLite plans queries better with statistics (sqlite_stat1); `PRAGMA optimize` gathers them
 * where useful and is cheap when nothing changed. PostgreSQL's autovacuum does this itself.
 */
export async function refreshPlannerStatistics(): Promise<void> {
  if (!onPostgres()) await db.$queryRawUnsafe("PRAGMA optimize=0x10002");
}

export { chainKey };
