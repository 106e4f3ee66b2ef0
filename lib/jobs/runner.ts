// Background jobs that run without anyone clicking. Each tick of a job first takes its lease in
// the database (lib/locks.ts), so with several portal instances the work is done once.
import { randomUUID } from "node:crypto";

import { acquireLease, releaseLease } from "@/lib/locks";

export interface JobDefinition {
  name: string;
  /** Time between two runs. */
  intervalMs: number;
  /** One run; errors are logged and the next tick tries again. */
  run: () => Promise<void>;
}

export interface RunningJobs {
  stop(): Promise<void>;
}

const HOLDER = `instance-${randomUUID()}`;

/** Runs one tick now if the lease is free; returns false when another instance holds it. */
export async function runJobOnce(job: JobDefinition, holder = HOLDER): Promise<boolean> {
  const lease = `job:${job.name}`;
  // The lease outlives a slow run a little, and is released at the end for the next tick.
  if (!(await acquireLease(lease, holder, Math.max(job.intervalMs, 60_000)))) return false;
  try {
    await job.run();
  } finally {
    await releaseLease(lease, holder);
  }
  return true;
}

export function startJobs(jobs: JobDefinition[]): RunningJobs {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      if (stopped) return;
      const run = runJobOnce(job)
        .catch((err) => console.error(`[jobs] ${job.name} failed:`, err instanceof Error ? err.message : err))
        .finally(() => running.delete(run));
      running.add(run);
    };
    // A first run soon after start, then every interval; timers do not keep the process alive.
    const first = setTimeout(tick, Math.min(5_000, job.intervalMs));
    const every = setInterval(tick, job.intervalMs);
    first.unref();
    every.unref();
    timers.push(first, every);
  }
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearTimeout);
      await Promise.allSettled([...running]);
    },
  };
}
