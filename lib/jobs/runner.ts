// Background jobs that run without anyone clicking, once per interval across every portal instance.
//
// Each job's time is cut into slots of `intervalMs` (aligned to the epoch, so every instance
// computes the same slots). An instance runs a slot only after it CLAIMS it by inserting the
// unique JobRun row (job, dueAt); every other instance finds the row and skips. While it runs,
// the holder renews the row's heartbeat (and the job's lease, which keeps two runs of one job
// from overlapping); a row whose heartbeat is older than JOB_STALE_MS belongs to a dead process
// and the next instance to poll takes it over and runs the slot itself. Every run is a JobRun
// row (start, duration, outcome, error) and one log line.

import "server-only";

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { JobRun } from "@/lib/generated/sqlite/client";
import { holdLease, startHeartbeat, type Heartbeat } from "@/lib/locks";
import { moduleLogger } from "@/lib/observability/logger";
import { recordJobRun } from "@/lib/observability/metrics";

const log = moduleLogger("jobs");

export interface JobDefinition {
  name: string;
  /** Time between two runs. */
  intervalMs: number;
  /** One run; errors are logged and recorded, and the next slot tries again. */
  run: () => Promise<void>;
}

export interface RunningJobs {
  /** Stops polling and waits for runs in flight to finish. */
  stop(): Promise<void>;
  /** Tests only: stops everything at once (timers, heartbeats) like a killed process would. */
  crash(): void;
}

/** How often a running job renews its heartbeat. */
export const JOB_HEARTBEAT_MS = env().JOB_HEARTBEAT_MS;
/** A run whose heartbeat is older than this is dead and is taken over. */
export const JOB_STALE_MS = env().JOB_STALE_MS;
/** How often each instance looks for a due (or orphaned) slot. */
export const JOB_POLL_MS = env().JOB_POLL_MS;

/** Who holds a run, as shown in JobRun and the logs: PORTAL_INSTANCE_NAME (or host:pid) + a unique suffix. */
const INSTANCE_HOLDER = `${env().PORTAL_INSTANCE_NAME || `${hostname()}:${process.pid}`}-${randomUUID().slice(0, 8)}`;

export interface RunnerOptions {
  holder?: string;
  heartbeatMs?: number;
  staleMs?: number;
  pollMs?: number;
}

interface Runner {
  holder: string;
  heartbeatMs: number;
  staleMs: number;
  /** Heartbeats of runs in flight (stopped all at once by crash()). */
  heartbeats: Set<Heartbeat>;
  crashed: boolean;
}

function runner(opts: RunnerOptions = {}): Runner {
  return {
    holder: opts.holder ?? INSTANCE_HOLDER,
    heartbeatMs: opts.heartbeatMs ?? JOB_HEARTBEAT_MS,
    staleMs: opts.staleMs ?? JOB_STALE_MS,
    heartbeats: new Set(),
    crashed: false,
  };
}

/** The start of the interval slot `at` falls in. */
export function slotOf(job: Pick<JobDefinition, "intervalMs">, at: number): Date {
  return new Date(Math.floor(at / job.intervalMs) * job.intervalMs);
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

async function claim(job: string, dueAt: Date, holder: string, trigger: string): Promise<JobRun | null> {
  const now = new Date();
  try {
    return await db.jobRun.create({
      data: { job, dueAt, trigger, holder, startedAt: now, heartbeatAt: now, outcome: "running" },
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another instance claimed this slot first
    throw err;
  }
}

async function takeOver(run: JobRun, holder: string, staleBefore: Date): Promise<JobRun | null> {
  const now = new Date();
  const taken = await db.jobRun.updateMany({
    where: { id: run.id, outcome: "running", heartbeatAt: { lt: staleBefore } },
    data: { holder, heartbeatAt: now, startedAt: now, attempts: { increment: 1 } },
  });
  if (taken.count !== 1) return null;
  log.warn(
    { job: run.job, previousHolder: run.holder, lastHeartbeat: run.heartbeatAt.toISOString() },
    `[jobs] ${run.job}: taking over the run of ${run.holder} (no heartbeat since ${run.heartbeatAt.toISOString()})`,
  );
  return db.jobRun.findUnique({ where: { id: run.id } });
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 2_000);
}

/** Runs `job` for the claimed row with a heartbeat, then records and logs the outcome. */
async function execute(job: JobDefinition, run: JobRun, r: Runner): Promise<void> {
  const beat = startHeartbeat(`job ${job.name}`, r.heartbeatMs, async () => {
    const alive = await db.jobRun.updateMany({
      where: { id: run.id, holder: r.holder, outcome: "running" },
      data: { heartbeatAt: new Date() },
    });
    return alive.count === 1;
  });
  r.heartbeats.add(beat);
  const started = Date.now();
  let failure: unknown = null;
  try {
    await job.run();
  } catch (err) {
    failure = err ?? new Error("failed");
  } finally {
    beat.stop();
    r.heartbeats.delete(beat);
  }
  if (r.crashed) return; // a dead process records nothing
  const durationMs = Date.now() - started;
  const outcome = failure ? "failure" : "success";
  await db.jobRun.updateMany({
    where: { id: run.id, holder: r.holder },
    data: { outcome, finishedAt: new Date(), durationMs, error: failure ? errorText(failure) : null },
  });
  recordJobRun(job.name, outcome, durationMs / 1000);
  const fields = {
    job: job.name,
    outcome,
    durationMs,
    trigger: run.trigger,
    slot: run.dueAt,
    holder: r.holder,
  };
  const line = `[jobs] ${job.name} ${outcome} in ${durationMs} ms (${run.trigger}, slot ${run.dueAt.toISOString()}, ${r.holder})`;
  if (failure) {
    log.error({ ...fields, error: errorText(failure) }, `${line}: ${errorText(failure)}`);
    throw failure;
  }
  log.info(fields, line);
}

export type SlotResult = "ran" | "took-over" | "done-elsewhere" | "running-elsewhere" | "busy";

/** Marks runs of earlier slots whose holder stopped heartbeating as abandoned. */
async function abandonDeadRuns(job: string, before: Date, staleBefore: Date): Promise<void> {
  await db.jobRun.updateMany({
    where: { job, outcome: "running", heartbeatAt: { lt: staleBefore }, dueAt: { lt: before } },
    data: { outcome: "abandoned", finishedAt: new Date(), error: "its instance stopped (no heartbeat)" },
  });
}

async function runDueSlotWith(job: JobDefinition, r: Runner, now: number): Promise<SlotResult> {
  const dueAt = slotOf(job, now);
  const staleBefore = new Date(now - r.staleMs);
  // Reads only, until there is something to claim (polls stay cheap, also on SQLite).
  const existing = await db.jobRun.findUnique({ where: { job_dueAt: { job: job.name, dueAt } } });
  if (existing && existing.outcome !== "running") return "done-elsewhere";
  if (existing && existing.heartbeatAt >= staleBefore) return "running-elsewhere";
  if (!existing) await abandonDeadRuns(job.name, dueAt, staleBefore);
  // The lease keeps one run of a job at a time (a slow earlier slot, or a manual run).
  const lease = await holdLease(`job:${job.name}`, r.holder, r.staleMs);
  if (!lease) return "busy";
  r.heartbeats.add(lease);
  try {
    const run = existing
      ? await takeOver(existing, r.holder, staleBefore)
      : await claim(job.name, dueAt, r.holder, "scheduled");
    if (!run) return "running-elsewhere";
    await execute(job, run, r);
    return existing ? "took-over" : "ran";
  } finally {
    r.heartbeats.delete(lease);
    if (!r.crashed) await lease.release();
  }
}

/** Runs the slot due now unless another instance has claimed it (and is alive). */
export function runDueSlot(job: JobDefinition, opts: RunnerOptions = {}): Promise<SlotResult> {
  return runDueSlotWith(job, runner(opts), Date.now());
}

/**
 * Runs the job now, outside its schedule ("run now", tests), recorded as a manual JobRun.
 * Returns false without running when a run of the job is in progress anywhere.
 */
export async function runJobOnce(job: JobDefinition, holder = INSTANCE_HOLDER): Promise<boolean> {
  const r = runner({ holder });
  const lease = await holdLease(`job:${job.name}`, holder, r.staleMs);
  if (!lease) return false;
  try {
    let run: JobRun | null = null;
    // A manual run's dueAt is its start; nudge it in the rare case it equals a slot's start.
    for (let i = 0; !run; i++) run = await claim(job.name, new Date(Date.now() + i), holder, "manual");
    await execute(job, run, r);
  } finally {
    await lease.release();
  }
  return true;
}

/** Polls every job's current slot on this instance (instrumentation.ts starts it once). */
export function startJobs(jobs: JobDefinition[], opts: RunnerOptions = {}): RunningJobs {
  const r = runner(opts);
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<unknown>>();
  const finishedSlot = new Map<string, number>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      const now = Date.now();
      const slot = slotOf(job, now).getTime();
      if (stopped || running.has(job.name) || finishedSlot.get(job.name) === slot) return;
      const run = runDueSlotWith(job, r, now)
        .then((result) => {
          if (result === "ran" || result === "took-over" || result === "done-elsewhere")
            finishedSlot.set(job.name, slot);
        })
        .catch((err) =>
          log.error({ job: job.name, error: errorText(err) }, `[jobs] ${job.name}: ${errorText(err)}`),
        )
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    };
    // A first look soon after start, then every poll; timers do not keep the process alive.
    const first = setTimeout(tick, Math.min(5_000, job.intervalMs));
    const every = setInterval(tick, Math.min(opts.pollMs ?? JOB_POLL_MS, job.intervalMs));
    first.unref();
    every.unref();
    timers.push(first, every);
  }
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearTimeout);
      await Promise.allSettled([...running.values()]);
    },
    crash() {
      stopped = true;
      r.crashed = true;
      timers.forEach(clearTimeout);
      for (const beat of r.heartbeats) beat.stop();
    },
  };
}

/** Forgets runs older than `days` (called by the hourly maintenance job). */
export async function pruneJobRuns(days = 30): Promise<number> {
  const cutoff = new Date(Date.now() - days * 24 * 60 * 60_000);
  const { count } = await db.jobRun.deleteMany({
    where: { startedAt: { lt: cutoff }, outcome: { not: "running" } },
  });
  return count;
}
