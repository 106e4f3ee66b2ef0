// The audit hash chain: one chain per organization (key = organization id) and one for
// portal-wide entries (key "portal"). An entry joins its chain when it reaches its final state —
// at insert for single-step events, at completion for two-phase changes (lib/audit/service.ts) —
// so every chained entry's hash covers exactly what the log will show forever.
//
//   hash = sha256(canonical JSON of { chain, seq, prevHash, who, when, what, before, after, outcome, … })
//
// Appends are serialized per chain: in this process by a promise queue per key, across
// processes and portal instances by a write lock on the chain's head row (AuditChain), taken by
// the first statement of the transaction (`UPDATE … RETURNING`: a row lock on PostgreSQL, the
// database write lock on SQLite), so no two appends ever read the same head.
import { createHash } from "node:crypto";

import { canonicalJson } from "@/lib/audit/canonical";
import { db } from "@/lib/db";

export const PORTAL_CHAIN = "portal";
export const HASH_VERSION = 1;

export function chainKey(organizationId: string | null): string {
  return organizationId ?? PORTAL_CHAIN;
}
export function chainOrganizationId(key: string): string | null {
  return key === PORTAL_CHAIN ? null : key;
}

/** The columns an entry's hash covers (everything but its row id and its own hash). */
export interface HashableEntry {
  organizationId: string | null;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: string | null;
  after: string | null;
  outcome: string;
  ezeepStatus: number | null;
  error: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  completedAt: Date | null;
  chainSeq: number | null;
  prevHash: string | null;
}

export function entryHash(e: HashableEntry): string {
  const content = canonicalJson({
    v: HASH_VERSION,
    chain: chainKey(e.organizationId),
    seq: e.chainSeq,
    prevHash: e.prevHash,
    organizationId: e.organizationId,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    before: e.before,
    after: e.after,
    outcome: e.outcome,
    ezeepStatus: e.ezeepStatus,
    error: e.error,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    completedAt: e.completedAt ? e.completedAt.toISOString() : null,
  })!;
  return createHash("sha256").update(content).digest("hex");
}

export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export interface ChainHead {
  key: string;
  seq: number;
  hash: string | null;
  checkpointSeq: number;
  checkpointHash: string | null;
}

interface HeadRow {
  key: string;
  seq: number | bigint;
  hash: string | null;
  checkpointSeq: number | bigint;
  checkpointHash: string | null;
}

function toHead(r: HeadRow): ChainHead {
  return {
    key: r.key,
    seq: Number(r.seq),
    hash: r.hash,
    checkpointSeq: Number(r.checkpointSeq),
    checkpointHash: r.checkpointHash,
  };
}

/** Takes the chain's write lock inside `tx` (creating the head on first use) and returns the head. */
async function lockHead(tx: Tx, key: string): Promise<ChainHead> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const rows = await tx.$queryRaw<HeadRow[]>`
      UPDATE "AuditChain" SET "updatedAt" = ${new Date()} WHERE "key" = ${key}
      RETURNING "key", "seq", "hash", "checkpointSeq", "checkpointHash"`;
    if (rows.length === 1) return toHead(rows[0]);
    await tx.$executeRaw`
      INSERT INTO "AuditChain" ("key", "seq", "checkpointSeq", "updatedAt") VALUES (${key}, 0, 0, ${new Date()})
      ON CONFLICT ("key") DO NOTHING`;
  }
  throw new Error(`audit chain ${key}: could not lock its head`);
}

export async function readHead(key: string): Promise<ChainHead> {
  const row = await db.auditChain.findUnique({ where: { key } });
  return row ? toHead(row) : { key, seq: 0, hash: null, checkpointSeq: 0, checkpointHash: null };
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

/** A locked chain inside one transaction: `link()` gives the next position for an entry. */
export interface LockedChain {
  tx: Tx;
  head: ChainHead;
  /** Chain fields for the next entry with this content; call `commit(hash)` after writing it. */
  link(content: Omit<HashableEntry, "chainSeq" | "prevHash">): {
    chainSeq: number;
    prevHash: string | null;
    hash: string;
  };
}

/**
 * Runs `fn` holding the write lock of chain `key`; every entry linked inside is appended in
 * order, and the head moves in the same transaction (all or nothing).
 */
export function withChain<T>(key: string, fn: (chain: LockedChain) => Promise<T>): Promise<T> {
  return serialize(key, () =>
    db.$transaction(
      async (tx) => {
        const head = await lockHead(tx, key);
        const start = { seq: head.seq, hash: head.hash };
        const daily = new Map<string, { day: string; action: string; outcome: string; n: number }>();
        const chain: LockedChain = {
          tx,
          head,
          link(content) {
            const chainSeq = head.seq + 1;
            const prevHash = head.hash;
            const hash = entryHash({ ...content, chainSeq, prevHash });
            head.seq = chainSeq;
            head.hash = hash;
            const day = content.at.toISOString().slice(0, 10);
            const k = `${day}\u0000${content.action}\u0000${content.outcome}`;
            const d = daily.get(k) ?? { day, action: content.action, outcome: content.outcome, n: 0 };
            d.n++;
            daily.set(k, d);
            return { chainSeq, prevHash, hash };
          },
        };
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
