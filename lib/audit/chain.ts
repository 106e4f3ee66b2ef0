// The audit hash chain: one chain per organization (key = organization id) and one for
// portal-wide entries (key "portal"). Every entry is linked when it is written — pending or
// complete — and a two-phase change's completion gets a link of its own, so no state of an entry
// escapes the chain. Links are HMACs under AUDIT_CHAIN_KEY (lib/audit/link.ts).
//
// Appends are serialized per chain: in this process by a promise queue per key, across
// processes and portal instances by a write lock on the chain's head row (AuditChain), taken by
// the first statement of the transaction (`UPDATE … RETURNING`: a row lock on PostgreSQL, the
// database write lock on SQLite), so no two appends ever read the same head.
import "server-only";

import {
  auditChainKey,
  chainKey,
  completionLinkHash,
  entryLinkHash,
  KEYED_HASH_VERSION,
  PORTAL_CHAIN,
  resultDigest,
  type HashableEntry,
} from "@/lib/audit/link";
import { db, type Tx } from "@/lib/db";

export { chainKey, PORTAL_CHAIN, type HashableEntry };

export function chainOrganizationId(key: string): string | null {
  return key === PORTAL_CHAIN ? null : key;
}

export type { Tx };

export interface ChainHead {
  key: string;
  seq: number;
  hash: string | null;
  checkpointSeq: number;
  checkpointHash: string | null;
  /** First position linked with the key; earlier ones are legacy SHA-256 links. */
  keyedFromSeq: number;
}

interface HeadRow {
  key: string;
  seq: number | bigint;
  hash: string | null;
  checkpointSeq: number | bigint;
  checkpointHash: string | null;
  keyedFromSeq: number | bigint;
}

function toHead(r: HeadRow): ChainHead {
  return {
    key: r.key,
    seq: Number(r.seq),
    hash: r.hash,
    checkpointSeq: Number(r.checkpointSeq),
    checkpointHash: r.checkpointHash,
    keyedFromSeq: Number(r.keyedFromSeq),
  };
}

/** Takes the chain's write lock inside `tx` (creating the head on first use) and returns the head. */
async function lockHead(tx: Tx, key: string): Promise<ChainHead> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const rows = await tx.$queryRaw<HeadRow[]>`
      UPDATE "AuditChain" SET "updatedAt" = ${new Date()} WHERE "key" = ${key}
      RETURNING "key", "seq", "hash", "checkpointSeq", "checkpointHash", "keyedFromSeq"`;
    if (rows.length === 1) return toHead(rows[0]);
    await tx.$executeRaw`
      INSERT INTO "AuditChain" ("key", "seq", "checkpointSeq", "updatedAt") VALUES (${key}, 0, 0, ${new Date()})
      ON CONFLICT ("key") DO NOTHING`;
  }
  throw new Error(`audit chain ${key}: could not lock its head`);
}

export async function readHead(key: string): Promise<ChainHead> {
  const row = await db.auditChain.findUnique({ where: { key } });
  return row
    ? toHead(row)
    : { key, seq: 0, hash: null, checkpointSeq: 0, checkpointHash: null, keyedFromSeq: 1 };
}

const queues = new Map<string, Promise<unknown>>();

/** One at a time per chain key within this process (FIFO), so appends do not pile up on the lock. */
function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  queues.set(key, run);
  return run.finally(() => {
    if (queues.get(key) === run) queues.delete(key);
  });
}

/** The link columns of an entry as written. */
export interface EntryLink {
  chainSeq: number;
  prevHash: string | null;
  hash: string;
  hashVersion: number;
  pendingDigest: string | null;
}

/** The link columns of a two-phase entry's completion. */
export interface CompletionLink {
  completionSeq: number;
  completionPrevHash: string | null;
  completionHash: string;
}

/** A locked chain inside one transaction; each link takes the next position. */
export interface LockedChain {
  tx: Tx;
  head: ChainHead;
  /** Links an entry being written: "complete" (single-step event) or "pending" (two-phase). */
  linkEntry(content: HashableEntry, phase: "complete" | "pending"): EntryLink;
  /** Links the completion of a pending entry whose entry link is `entryHash`. */
  linkCompletion(content: HashableEntry, entryHash: string): CompletionLink;
}

interface DailyCount {
  day: string;
  action: string;
  outcome: string;
  n: number;
}

function lockedChain(tx: Tx, head: ChainHead, daily: Map<string, DailyCount>, key: Buffer): LockedChain {
  // The activity chart counts each entry once, in its final state (or "pending" when sealed).
  const count = (content: HashableEntry) => {
    const day = content.at.toISOString().slice(0, 10);
    const k = `${day}\u0000${content.action}\u0000${content.outcome}`;
    const d = daily.get(k) ?? { day, action: content.action, outcome: content.outcome, n: 0 };
    d.n++;
    daily.set(k, d);
  };
  const advance = (hash: string) => {
    head.seq += 1;
    head.hash = hash;
  };
  return {
    tx,
    head,
    linkEntry(content, phase) {
      const at = { chain: head.key, seq: head.seq + 1, prevHash: head.hash };
      const digest = resultDigest(content);
      const hash = entryLinkHash(content, at, digest, key);
      advance(hash);
      if (phase === "complete") count(content);
      return {
        chainSeq: at.seq,
        prevHash: at.prevHash,
        hash,
        hashVersion: KEYED_HASH_VERSION,
        pendingDigest: phase === "pending" ? digest : null,
      };
    },
    linkCompletion(content, entryHash) {
      const at = { chain: head.key, seq: head.seq + 1, prevHash: head.hash };
      const completionHash = completionLinkHash(content, at, entryHash, key);
      advance(completionHash);
      count(content);
      return { completionSeq: at.seq, completionPrevHash: at.prevHash, completionHash };
    },
  };
}

/**
 * Runs `fn` holding the write lock of chain `key`; every entry linked inside is appended in
 * order, and the head moves in the same transaction (all or nothing).
 */
export function withChain<T>(key: string, fn: (chain: LockedChain) => Promise<T>): Promise<T> {
  // Read the key before the transaction: a missing key refuses the append without opening one.
  const macKey = auditChainKey();
  return serialize(key, () =>
    db.$transaction(
      async (tx) => {
        const head = await lockHead(tx, key);
        const start = { seq: head.seq, hash: head.hash };
        const daily = new Map<string, DailyCount>();
        const chain = lockedChain(tx, head, daily, macKey);
        const result = await fn(chain);
        if (head.seq !== start.seq || head.hash !== start.hash) {
          await tx.$executeRaw`UPDATE "AuditChain" SET "seq" = ${head.seq}, "hash" = ${head.hash} WHERE "key" = ${key}`;
        }
        // The activity chart's daily counts move with the chain (same transaction).
        for (const d of daily.values()) {
          await tx.$executeRaw`
            INSERT INTO "AuditDailyCount" ("chain", "day", "action", "outcome", "count") VALUES (${key}, ${d.day}, ${d.action}, ${d.outcome}, ${d.n})
            ON CONFLICT ("chain", "day", "action", "outcome") DO UPDATE SET "count" = "AuditDailyCount"."count" + ${d.n}`;
        }
        return result;
      },
      { maxWait: 60_000, timeout: 60_000 },
    ),
  );
}
