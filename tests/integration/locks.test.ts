import { describe, expect, it } from "vitest";

import { db } from "@/lib/db";
import { acquireLease, holdLease, LEASE_TTL_MS, releaseLease, withKeyLock } from "@/lib/locks";

describe("locks and leases", () => {
  it("runs critical sections for one key strictly one at a time, in order", async () => {
    const events: string[] = [];
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        withKeyLock("user:1", async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          events.push(`start ${i}`);
          await new Promise((r) => setTimeout(r, 5));
          events.push(`end ${i}`);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(events).toEqual(Array.from({ length: 10 }, (_, i) => [`start ${i}`, `end ${i}`]).flat());
    expect(await db.jobLease.count()).toBe(0);
  });

  it("lets different keys run side by side", async () => {
    // Each section waits until all three are inside: if different keys were serialized, this
    // would never complete (the test would time out) instead of passing.
    let inside = 0;
    let allInside!: () => void;
    const barrier = new Promise<void>((resolve) => (allInside = resolve));
    await Promise.all(
      ["a", "b", "c"].map((k) =>
        withKeyLock(`user:${k}`, async () => {
          if (++inside === 3) allInside();
          await barrier;
        }),
      ),
    );
    expect(inside).toBe(3);
  });

  it("waits for a lease held by another instance, and gives up with a readable message", async () => {
    expect(await acquireLease("lock:user:2", "other-instance", 60_000)).toBe(true);
    expect(await acquireLease("lock:user:2", "me", 60_000)).toBe(false);
    await expect(withKeyLock("user:2", async () => "ran", { waitMs: 200 })).rejects.toThrow(/still running/);
    await releaseLease("lock:user:2", "other-instance");
    await expect(withKeyLock("user:2", async () => "ran")).resolves.toBe("ran");
  });

  it("takes over a lease whose holder died (expired)", async () => {
    expect(await acquireLease("job:sync", "dead-instance", -1)).toBe(true);
    expect(await acquireLease("job:sync", "live-instance", 60_000)).toBe(true);
    expect(await acquireLease("job:sync", "third", 60_000)).toBe(false);
  });

  it("releases the lock when the critical section throws", async () => {
    await expect(withKeyLock("user:3", async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    await expect(withKeyLock("user:3", async () => "next")).resolves.toBe("next");
  });

  it("keeps leases short: a dead holder's lock is free within seconds, not minutes", () => {
    expect(LEASE_TTL_MS).toBeLessThanOrEqual(10_000);
  });

  it("takes over the lock of a process that died while holding it (no more heartbeats)", async () => {
    const dead = await holdLease("lock:user:9", "dead-instance", 400);
    expect(dead).not.toBeNull();
    dead!.stop(); // the process is gone: no heartbeat, no release
    expect(await acquireLease("lock:user:9", "me", 60_000)).toBe(false); // still within its lease
    await expect(withKeyLock("user:9", async () => "taken over", { waitMs: 10_000 })).resolves.toBe(
      "taken over",
    );
  });

  it("keeps the lock of a live holder beyond its lease time through the heartbeat", async () => {
    const live = await holdLease("lock:user:8", "live-instance", 300);
    expect(live).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_000)); // more than three lease times
    expect(live!.lost).toBe(false);
    await expect(withKeyLock("user:8", async () => "ran", { waitMs: 300 })).rejects.toThrow(/still running/);
    await live!.release();
    await expect(withKeyLock("user:8", async () => "ran")).resolves.toBe("ran");
  });

  it("renews a withKeyLock lease while a long critical section runs", async () => {
    let other: boolean | null = null;
    await withKeyLock(
      "user:7",
      async () => {
        await new Promise((r) => setTimeout(r, 900)); // three times the lease
        other = await acquireLease("lock:user:7", "other-instance", 60_000);
      },
      { ttlMs: 300 },
    );
    expect(other).toBe(false);
  });
});
