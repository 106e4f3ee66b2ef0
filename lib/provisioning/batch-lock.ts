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

import { db } from "@/lib/db";

export const BATCH_LEASE_MS = 15_000;
const HEARTBEAT_MS = 5_000;

export interface BatchLock {
  release(): Promise<void>;
}

async function insertAll(names: string[], holder: string, ttlMs: number): Promise<boolean> {
  try {
    await db.jobLease.createMany({
      data: names.map((name) => ({ name, holder, expiresAt: new Date(Date.now() + ttlMs) })),
    });
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
    const removed = await db.jobLease.deleteMany({
      where: { name: { in: names }, expiresAt: { lt: new Date() } },
    });
    if (removed.count > 0) taken = await insertAll(names, holder, ttlMs);
  }
  if (!taken) return null; // a live holder has some key: let withKeyLock handle those one by one
  const heartbeat = setInterval(
    () => {
      void db.jobLease
        .updateMany({
          where: { holder, name: { in: names } },
          data: { expiresAt: new Date(Date.now() + ttlMs) },
        })
        .catch(() => undefined);
    },
    Math.min(HEARTBEAT_MS, ttlMs / 3),
  );
  heartbeat.unref?.();
  return {
    release: async () => {
      clearInterval(heartbeat);
      await db.jobLease.deleteMany({ where: { holder, name: { in: names } } });
    },
  };
}
