// Serializing read-modify-write changes per key (a user's memberships, a printer's assignments)
// and leasing background work, across requests of one instance AND across portal instances.
// In-process: a promise chain per key. Across instances: a lease row in the database (JobLease),
// taken by insert or by taking over an expired one, released by its holder.
//
// Leases are short (LEASE_TTL_MS, 10 s) and kept alive by a heartbeat while held, so a long
// critical section keeps its lease, and the lease of a process that died (crash, kill -9, lost
// machine) expires within seconds and is taken over by the next waiter.
// (No "server-only" marker here: the command-line scripts reach this module through the
// organizations service; it holds no secret and is never imported by client components.)

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

/** How long a lease outlives its holder's last heartbeat. */
export const LEASE_TTL_MS = 10_000;

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

/** Extends a lease this holder still has; false when it was lost (expired and taken over). */
export async function renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const renewed = await db.jobLease.updateMany({
    where: { name, holder },
    data: { expiresAt: new Date(Date.now() + ttlMs) },
  });
  return renewed.count === 1;
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { name, holder } });
}

export interface Heartbeat {
  /** true once a beat found the lease (or run) gone: another instance has taken it over. */
  readonly lost: boolean;
  stop(): void;
}

/**
 * Calls `beat` every `everyMs` until stopped or until it answers false (lost). Errors of one beat
 * (a database hiccup) are logged and the next beat tries again; the timer never keeps the
 * process alive.
 */
export function startHeartbeat(label: string, everyMs: number, beat: () => Promise<boolean>): Heartbeat {
  let lost = false;
  let inFlight = false;
  const timer = setInterval(() => {
    if (inFlight || lost) return;
    inFlight = true;
    beat()
      .then((alive) => {
        if (alive) return;
        lost = true;
        clearInterval(timer);
        console.warn(`[locks] ${label}: lost to another holder (this process stalled longer than its lease)`);
      })
      .catch((err) =>
        console.warn(`[locks] ${label}: heartbeat failed:`, err instanceof Error ? err.message : err),
      )
      .finally(() => (inFlight = false));
  }, everyMs);
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    stop: () => clearInterval(timer),
  };
}

export interface HeldLease extends Heartbeat {
  release(): Promise<void>;
}

/** Takes the lease and keeps it alive (a beat every ttl/3) until released; null when held elsewhere. */
export async function holdLease(
  name: string,
  holder: string,
  ttlMs = LEASE_TTL_MS,
): Promise<HeldLease | null> {
  if (!(await acquireLease(name, holder, ttlMs))) return null;
  const heartbeat = startHeartbeat(name, Math.max(50, Math.floor(ttlMs / 3)), () =>
    renewLease(name, holder, ttlMs),
  );
  return {
    get lost() {
      return heartbeat.lost;
    },
    stop: heartbeat.stop,
    async release() {
      heartbeat.stop();
      await releaseLease(name, holder);
    },
  };
}

const chains = new Map<string, Promise<unknown>>();

export interface KeyLockOptions {
  /** How long the database lease outlives this process's last heartbeat if the process dies. */
  ttlMs?: number;
  /** How long to wait for another instance's lease before giving up. */
  waitMs?: number;
  /** The message a person sees when waiting gave up. */
  busyMessage?: string;
}

async function waitForLease(leaseName: string, holder: string, ttlMs: number, opts: KeyLockOptions) {
  const deadline = Date.now() + (opts.waitMs ?? 20_000);
  let delay = 25;
  for (;;) {
    const lease = await holdLease(leaseName, holder, ttlMs);
    if (lease) return lease;
    if (Date.now() > deadline) {
      throw new UserFacingError(
        opts.busyMessage ?? "Another change to the same item is still running. Try again in a moment.",
      );
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 500);
  }
}

/**
 * Runs `fn` while holding the lock `key`: one at a time within this process (FIFO) and, through a
 * heartbeated database lease, across portal instances. Callers re-read the current state inside `fn`.
 */
export async function withKeyLock<T>(
  key: string,
  fn: () => Promise<T>,
  opts: KeyLockOptions = {},
): Promise<T> {
  const ttlMs = opts.ttlMs ?? LEASE_TTL_MS;
  const previous = chains.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      const lease = await waitForLease(`lock:${key}`, `${INSTANCE_ID}:${randomUUID()}`, ttlMs, opts);
      try {
        return await fn();
      } finally {
        await lease.release();
      }
    });
  chains.set(key, run);
  try {
    return await run;
  } finally {
    if (chains.get(key) === run) chains.delete(key);
  }
}
