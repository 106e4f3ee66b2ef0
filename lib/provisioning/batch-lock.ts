// Taking many of lib/locks.ts's key locks in one database statement, for bulk work. The lease rows
// are the same ones withKeyLock uses (`lock:<key>` in JobLease), so a batch excludes every other
// holder of those keys — withKeyLock callers in this process and in other portal instances wait
// for the batch, and the batch is refused (the caller falls back to withKeyLock per key) when any
// key is held by a live holder. One INSERT of N rows is atomic: all keys are taken, or none.
//
// After a crash: the leases are short (BATCH_LEASE_MS) and renewed by a heartbeat while held, so
// the rows of a process that died expire within seconds and the next run takes them over.
import "server-only";

import { randomUUID } from "node:crypto";

import { chunk } from "@/lib/concurrency";
import { db } from "@/lib/db";

export const BATCH_LEASE_MS = 15_000;
const HEARTBEAT_MS = 5_000;
/**
 * Names per UPDATE/DELETE: SQLite (through Prisma's adapter) refuses a statement with more than
 * 999 bound values, so a release or heartbeat of 1,000 keys in one statement failed — the
 * heartbeat silently, letting a held lease expire. Each part is its own statement.
 */
const NAMES_PER_STATEMENT = 400;

const parts = (names: string[]) => chunk(names, NAMES_PER_STATEMENT);

export interface BatchLock {
  release(): Promise<void>;
}

async function insertAll(names: string[], holder: string, ttlMs: number): Promise<boolean> {
  try {
    const expiresAt = new Date(Date.now() + ttlMs);
    // One transaction: all keys are taken, or none.
    await db.$transaction(
      parts(names).map((part) =>
        db.jobLease.createMany({ data: part.map((name) => ({ name, holder, expiresAt })) }),
      ),
    );
    return true;
  } catch {
    return false;
  }
}

export async function tryLockMany(keys: string[], ttlMs = BATCH_LEASE_MS): Promise<BatchLock | null> {
  const holder = `batch:${randomUUID()}`;
  const names = [...new Set(keys)].map((k) => `lock:${k}`);
  if (names.length === 0) return { release: async () => undefined };
  let taken = await insertAll(names, holder, ttlMs);
  if (!taken) {
    // Expired rows of a holder that died (no heartbeat any more) are taken over, then try once more.
    const now = new Date();
    let removed = 0;
    for (const part of parts(names))
      removed += (await db.jobLease.deleteMany({ where: { name: { in: part }, expiresAt: { lt: now } } }))
        .count;
    if (removed > 0) taken = await insertAll(names, holder, ttlMs);
  }
  if (!taken) return null; // a live holder has some key: let withKeyLock handle those one by one
  const heartbeat = setInterval(
    () => {
      const expiresAt = new Date(Date.now() + ttlMs);
      void Promise.all(
        parts(names).map((part) =>
          db.jobLease.updateMany({ where: { holder, name: { in: part } }, data: { expiresAt } }),
        ),
      ).catch(() => undefined);
    },
    Math.min(HEARTBEAT_MS, ttlMs / 3),
  );
  heartbeat.unref?.();
  return {
    release: async () => {
      clearInterval(heartbeat);
      for (const part of parts(names))
        await db.jobLease.deleteMany({ where: { holder, name: { in: part } } });
    },
  };
}
