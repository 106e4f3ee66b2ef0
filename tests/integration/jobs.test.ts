// Background jobs: a run happens once per interval across instances (the JobRun claim), a dead
// holder's run is taken over, a live one is not, and every run is recorded.
import { afterEach, describe, expect, it, vi } from "vitest";

import { db } from "@/lib/db";
import { runDueSlot, runJobOnce, startJobs, type RunningJobs } from "@/lib/jobs/runner";
import { acquireLease } from "@/lib/locks";

const runners: RunningJobs[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

function instance(name: string, job: Parameters<typeof startJobs>[0][number], staleMs = 1_000) {
  const r = startJobs([job], { holder: name, pollMs: 20, heartbeatMs: 50, staleMs });
  runners.push(r);
  return r;
}

const runsOf = (job: string) => db.jobRun.findMany({ where: { job }, orderBy: { dueAt: "asc" } });

describe("background jobs", () => {
  it("runs a job tick only where its lease is free, so two instances never run it twice at once", async () => {
    let runs = 0;
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job = {
      name: "test-job",
      intervalMs: 1_000,
      run: () =>
        new Promise<void>((resolve) => {
          runs++;
          release = resolve;
          started();
        }),
    };
    const first = runJobOnce(job, "instance-a");
    await running; // instance a holds the lease and is inside its run
    expect(await runJobOnce(job, "instance-b")).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(await runJobOnce({ ...job, run: async () => void runs++ }, "instance-b")).toBe(true); // released after a's run
    expect(runs).toBe(2);
    const rows = await runsOf("test-job");
    expect(rows.map((r) => [r.trigger, r.outcome, r.holder])).toEqual([
      ["manual", "success", "instance-a"],
      ["manual", "success", "instance-b"],
    ]);
  });

  it("skips a tick while another instance holds a live lease", async () => {
    await acquireLease("job:held", "other", 60_000);
    let ran = false;
    expect(
      await runJobOnce({ name: "held", intervalMs: 1_000, run: async () => void (ran = true) }, "me"),
    ).toBe(false);
    expect(ran).toBe(false);
  });

  it("runs each interval once with two instances on one database", async () => {
    let invocations = 0;
    const job = {
      name: "two-instances",
      intervalMs: 250,
      run: async () => {
        invocations++;
        await new Promise((r) => setTimeout(r, 20));
      },
    };
    instance("instance-a", job);
    instance("instance-b", job);
    await vi.waitFor(
      async () =>
        expect(
          await db.jobRun.count({ where: { job: job.name, outcome: "success" } }),
        ).toBeGreaterThanOrEqual(5),
      { timeout: 30_000, interval: 50 },
    );
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    const rows = await runsOf(job.name);
    // Both instances polled every slot; each slot ran exactly once (one row, one invocation).
    expect(invocations).toBe(rows.length);
    expect(new Set(rows.map((r) => r.dueAt.getTime())).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.dueAt.getTime() % job.intervalMs).toBe(0);
      expect(r.outcome).toBe("success");
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("takes over the run of an instance that stopped heartbeating", async () => {
    let invocations = 0;
    let hang!: () => void;
    const job = {
      name: "takeover",
      intervalMs: 10 * 60_000, // one slot for the whole test
      run: () => {
        invocations++;
        if (invocations > 1) return Promise.resolve();
        return new Promise<void>((resolve) => (hang = resolve));
      },
    };
    const dying = instance("instance-a", job, 500);
    await vi.waitFor(async () => expect((await runsOf(job.name))[0]?.holder).toBe("instance-a"));
    dying.crash(); // killed mid-run: no more heartbeats, nothing recorded
    instance("instance-b", job, 500);
    await vi.waitFor(async () => expect((await runsOf(job.name))[0]?.outcome).toBe("success"), {
      timeout: 10_000,
      interval: 50,
    });
    hang();
    const [run] = await runsOf(job.name);
    expect(run).toMatchObject({ holder: "instance-b", attempts: 2, outcome: "success" });
    expect(invocations).toBe(2);
  });

  it("does not take over a run that is still heartbeating, however long it takes", async () => {
    let invocations = 0;
    let finish!: () => void;
    const job = {
      name: "long-run",
      intervalMs: 10 * 60_000,
      run: () => {
        invocations++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    };
    // A stale limit of 600 ms: a loaded machine (the whole suite on PostgreSQL) can hold a 50 ms
    // heartbeat back for more than 300 ms, which a live run must survive here.
    instance("instance-a", job, 600);
    await vi.waitFor(async () => expect((await runsOf(job.name))[0]?.holder).toBe("instance-a"));
    instance("instance-b", job, 600);
    // Four times the stale limit: instance b polls all along and must leave the live run alone.
    await new Promise((r) => setTimeout(r, 2_400));
    expect(await runDueSlot(job, { holder: "instance-c", staleMs: 600 })).toBe("running-elsewhere");
    finish();
    await vi.waitFor(async () => expect((await runsOf(job.name))[0]?.outcome).toBe("success"));
    expect(invocations).toBe(1);
    expect((await runsOf(job.name))[0]).toMatchObject({ holder: "instance-a", attempts: 1 });
  });

  it("records a failed run with its error and tries the next slot again", async () => {
    const job = {
      name: "failing",
      intervalMs: 10 * 60_000,
      run: async () => {
        throw new Error("ezeep was down");
      },
    };
    await expect(runDueSlot(job, { holder: "a" })).rejects.toThrow("ezeep was down");
    const [run] = await runsOf(job.name);
    expect(run).toMatchObject({ outcome: "failure", error: "ezeep was down", holder: "a" });
    expect(await runDueSlot(job, { holder: "b" })).toBe("done-elsewhere");
  });
});
