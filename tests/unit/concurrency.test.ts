// lib/concurrency.ts: the group commit that bulk audit writes rely on (createBatcher), and the
// turn of the event loop that lets started ezeep requests leave before heavy local work.
import { describe, expect, it } from "vitest";

import { createBatcher, letRequestsLeave } from "@/lib/concurrency";

/** A flush that records its batches and answers each item with its double. */
function recordingFlush(opts: { failOn?: number; flushMs?: number } = {}) {
  const batches: number[][] = [];
  const flush = async (items: number[]) => {
    batches.push(items);
    if (opts.flushMs) await new Promise((r) => setTimeout(r, opts.flushMs));
    if (opts.failOn !== undefined && items.includes(opts.failOn))
      throw new Error(`batch with ${opts.failOn}`);
    return items.map((i) => i * 2);
  };
  return { batches, flush };
}

describe("createBatcher (group commit)", () => {
  it("writes items added in the same turn in one flush and answers each with its own result", async () => {
    const { batches, flush } = recordingFlush();
    const add = createBatcher(flush);
    const results = await Promise.all([1, 2, 3].map(add));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("groups the items that arrive while a flush runs into the next flush", async () => {
    const { batches, flush } = recordingFlush({ flushMs: 20 });
    const add = createBatcher(flush);
    const first = add(1);
    await new Promise((r) => setTimeout(r, 5)); // the first flush is running
    const later = await Promise.all([add(2), add(3), add(4)]);
    expect(await first).toBe(2);
    expect(later).toEqual([4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("waits the linger for more items before the first flush", async () => {
    const { batches, flush } = recordingFlush();
    const add = createBatcher(flush, { lingerMs: 30 });
    const a = add(1);
    await new Promise((r) => setTimeout(r, 10));
    const b = add(2);
    expect(await Promise.all([a, b])).toEqual([2, 4]);
    expect(batches).toEqual([[1, 2]]);
  });

  it("rejects only the items of a failed flush; the next flush goes on", async () => {
    const { batches, flush } = recordingFlush({ failOn: 2, flushMs: 10 });
    const add = createBatcher(flush);
    const first = [add(1), add(2)];
    await new Promise((r) => setTimeout(r, 2));
    const second = add(3);
    const settled = await Promise.allSettled([...first, second]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect((settled[0] as PromiseRejectedResult).reason).toEqual(new Error("batch with 2"));
    expect(await second).toBe(6);
    expect(batches).toEqual([[1, 2], [3]]);
  });
});

describe("letRequestsLeave", () => {
  it("lets promise chains started before it run to the end before the caller goes on", async () => {
    const steps: string[] = [];
    const chain = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      steps.push("request sent");
    };
    void chain();
    await letRequestsLeave();
    steps.push("heavy work");
    expect(steps).toEqual(["request sent", "heavy work"]);
  });
});
