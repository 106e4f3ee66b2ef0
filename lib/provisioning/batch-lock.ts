// Taking many of lib/locks.ts's key locks in one database statement, for bulk work. The lease rows
// are the same ones withKeyLock uses (`lock:<key>` in JobLease), so a batch excludes every other
// holder of those keys — withKeyLock callers in this process and in other portal instances wait
// for the batch, and the batch is refused (the caller falls back to withKeyLock per key) when any
// key is held already. One INSERT of N rows is atomic: all keys are taken, or none.
import { randomUUID } from "node:crypto";

import { db } from "@/lib/db";

export async function tryLockMany(
  keys: string[],
  ttlMs = 120_000,
): Promise<{ release(): Promise<void> } | null> {
  const holder = `batch:${randomUUID()}`;
  const names = [...new Set(keys)].map((k) => `lock:${k}`);
  if (names.length === 0) return { release: async () => undefined };
  const expiresAt = new Date(Date.now() + ttlMs);
  try {
    await db.jobLease.createMany({ data: names.map((name) => ({ name, holder, expiresAt })) });
  } catch {
    return null; // some key is held (or a stale row exists): let withKeyLock handle those one by one
  }
  return {
    release: async () => {
      await db.jobLease.deleteMany({ where: { holder, name: { in: names } } });
    },
  };
}
