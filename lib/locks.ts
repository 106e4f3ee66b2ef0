// Serializing read-modify-write changes per key (a user's memberships, a printer's assignments)
// and leasing background work, across requests of one instance AND across portal instances.
// In-process: a promise chain per key. Across instances: a lease row in the database (JobLease),
// taken by insert or by taking over an expired one, released by its holder.
import { randomUUID } from "node:crypto";

import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";

const INSTANCE_ID = randomUUID();

/**
 * The one lock key for a user's printing row in ezeep (group memberships, flags, role, delete):
 * every read-modify-write of that user takes it, whichever feature makes the change.
 */
export function userLockKey(organizationId: string, userId: string): string {
  return `user:${organizationId}:${userId}`;
}

/** Takes the lease `name` for `ttlMs` unless another live holder has it. */
export async function acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.jobLease.updateMany({
    where: { name, OR: [{ expiresAt: { lt: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch {
    return false; // someone else inserted it first (unique name)
  }
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { name, holder } });
}

const chains = new Map<string, Promise<unknown>>();

export interface KeyLockOptions {
  /** How long the database lease lives if this process dies while holding it. */
  ttlMs?: number;
  /** How long to wait for another instance's lease before giving up. */
  waitMs?: number;
  /** The message a person sees when waiting gave up. */
  busyMessage?: string;
}

/**
 * Runs `fn` while holding the lock `key`: one at a time within this process (FIFO) and, through a
 * database lease, across portal instances. Callers re-read the current state inside `fn`.
 */
export async function withKeyLock<T>(
  key: string,
  fn: () => Promise<T>,
  opts: KeyLockOptions = {},
): Promise<T> {
  const ttlMs = opts.ttlMs ?? 30_000;
  const waitMs = opts.waitMs ?? 20_000;
  const previous = chains.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      const leaseName = `lock:${key}`;
      const holder = `${INSTANCE_ID}:${randomUUID()}`;
      const deadline = Date.now() + waitMs;
      let delay = 25;
      while (!(await acquireLease(leaseName, holder, ttlMs))) {
        if (Date.now() > deadline) {
          throw new UserFacingError(
            opts.busyMessage ?? "Another change to the same item is still running. Try again in a moment.",
          );
        }
        await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
        delay = Math.min(delay * 2, 500);
      }
      try {
        return await fn();
      } finally {
        await releaseLease(leaseName, holder);
      }
    });
  chains.set(key, run);
  try {
    return await run;
  } finally {
    if (chains.get(key) === run) chains.delete(key);
  }
}
