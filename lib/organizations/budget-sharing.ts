// The ezeep budget across portal instances that share one database (PostgreSQL behind a load
// balancer, or several processes on one SQLite file):
//
// - Retry-After gate: a 429 closes the lane of (host, API client) in the database (`EzeepGate`),
//   and every instance reads the gate before sending (cached for 250 ms), so all of them wait it
//   out — not only the one that was told.
// - Concurrency: each instance registers itself with a heartbeat (`EzeepInstance`, every 5 s) and
//   takes EZEEP_MAX_CONCURRENCY ÷ (instances whose heartbeat is under 15 s old) of the budget, so
//   the instances together keep about the budget in flight (at least one request each).
// The database being briefly unreachable never stops ezeep traffic: reads fall back to "open"
// and the last share stays in force.
import "server-only";

import { randomUUID } from "node:crypto";

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { configureLanes, type LaneStore } from "@/lib/ezeep";

export const HEARTBEAT_MS = 5_000;
export const LIVE_WINDOW_MS = 15_000;
/** Rows of instances silent for this long are removed. */
const FORGET_AFTER_MS = 10 * 60_000;

/** The gate of every lane, in the database. */
export const databaseLaneStore: LaneStore = {
  async readBlockedUntil(key) {
    // findFirst: Prisma holds findUnique calls back to batch them, and this read must leave at once.
    const row = await db.ezeepGate.findFirst({ where: { key } });
    return row ? row.blockedUntil.getTime() : 0;
  },
  async writeBlockedUntil(key, until) {
    const at = new Date(until);
    // Keep the later time when two instances are told to wait at once.
    const moved = await db.ezeepGate.updateMany({
      where: { key, blockedUntil: { lt: at } },
      data: { blockedUntil: at },
    });
    if (moved.count > 0) return;
    await db.ezeepGate.create({ data: { key, blockedUntil: at } }).catch(() => undefined); // exists already
  },
};

/**
 * Records this instance's heartbeat and returns its share of `budget`: budget ÷ live instances,
 * at least 1. Exported for tests, which play several instances.
 */
export async function heartbeatShare(instanceId: string, budget: number, now = Date.now()): Promise<number> {
  await db.ezeepInstance.upsert({
    where: { id: instanceId },
    update: { heartbeatAt: new Date(now) },
    create: { id: instanceId, heartbeatAt: new Date(now) },
  });
  const live = await db.ezeepInstance.count({
    where: { heartbeatAt: { gt: new Date(now - LIVE_WINDOW_MS) } },
  });
  if (Math.random() < 0.05)
    await db.ezeepInstance.deleteMany({ where: { heartbeatAt: { lt: new Date(now - FORGET_AFTER_MS) } } });
  return Math.max(1, Math.floor(budget / Math.max(1, live)));
}

interface Sharing {
  instanceId: string;
  budget: number;
  timer: NodeJS.Timeout;
  /** The database it shares through (each test file gets its own). */
  databaseUrl: string | undefined;
}

const g = globalThis as unknown as { __ezeepBudgetSharing?: Sharing };

/** This process's instance id in `EzeepInstance` (null before the first ezeep client). */
export function instanceId(): string | null {
  return g.__ezeepBudgetSharing?.instanceId ?? null;
}

async function beat(): Promise<void> {
  const sharing = g.__ezeepBudgetSharing;
  if (!sharing) return;
  try {
    configureLanes({ maxConcurrency: await heartbeatShare(sharing.instanceId, sharing.budget) });
  } catch {
    // database unreachable: keep the last share
  }
}

/**
 * Starts sharing once per process (called by the client factory; cheap afterwards): lanes read
 * and write their gate in the database, and the heartbeat keeps this instance's share current.
 */
export function startBudgetSharing(budget: number): void {
  const running = g.__ezeepBudgetSharing;
  if (running && running.budget === budget && running.databaseUrl === env().DATABASE_URL) return;
  if (running) clearInterval(running.timer);
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref(); // never keeps a script or a test process alive
  g.__ezeepBudgetSharing = {
    instanceId: running?.instanceId ?? randomUUID(),
    budget,
    timer,
    databaseUrl: env().DATABASE_URL,
  };
  configureLanes({ maxConcurrency: budget, store: databaseLaneStore });
  void beat();
}
