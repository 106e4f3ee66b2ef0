import { describe, expect, it } from "vitest";

import { runJobOnce } from "@/lib/jobs/runner";
import { acquireLease } from "@/lib/locks";

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
  });

  it("skips a tick while another instance holds a live lease", async () => {
    await acquireLease("job:held", "other", 60_000);
    let ran = false;
    expect(
      await runJobOnce({ name: "held", intervalMs: 1_000, run: async () => void (ran = true) }, "me"),
    ).toBe(false);
    expect(ran).toBe(false);
  });
});
