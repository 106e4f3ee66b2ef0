// The codebase's one concurrency pool: a limiter (at most N callers inside at once, FIFO) and a
// pool map over a list. Everything that runs several ezeep calls at once goes through these.
// And the one way to cut a list into parts (statements, transactions, batches of work), and the
// one group commit (many single writes arriving side by side written a batch at a time).

export type Limiter = <T>(fn: () => Promise<T>) => Promise<T>;

export interface CountingLimiter extends Limiter {
  active(): number;
  waiting(): number;
  /** Changes how many may be inside at once (a share of a budget that other instances use too). */
  setMax(max: number): void;
  max(): number;
}

export function createLimiter(max: number): CountingLimiter {
  let limit = Math.max(1, Math.floor(max));
  let active = 0;
  const queue: (() => void)[] = [];
  const admit = () => {
    while (active < limit && queue.length > 0) {
      active++;
      queue.shift()!();
    }
  };
  const run = (async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    else active++;
    try {
      return await fn();
    } finally {
      active--;
      admit();
    }
  }) as CountingLimiter;
  run.active = () => active;
  run.waiting = () => queue.length;
  run.max = () => limit;
  run.setMax = (next: number) => {
    limit = Math.max(1, Math.floor(next));
    admit();
  };
  return run;
}

/** Runs `fn` over `items` with at most `concurrency` running at once; results keep the order. */
export async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), items.length) }, worker));
  return results;
}

/** `list` in consecutive parts of at most `size` items. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Waits one turn of the event loop, so requests started just before (whose promise chains end in
 * a socket write) leave before the caller's next CPU-heavy step: a large database read holds the
 * thread for tens of milliseconds, and every ezeep request started beside it would wait that long.
 */
export function letRequestsLeave(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Group commit: `add(item)` resolves with the item's share of a `flush` that writes many items at
 * once. Every flush carries what was queued before it and waits until its first item has waited
 * `lingerMs`, so a stream of single items becomes a few batches and none waits longer than the
 * linger or the flush ahead of it. A flush that throws rejects the items it carried, and only those.
 */
export function createBatcher<I, O>(
  flush: (items: I[]) => Promise<O[]>,
  opts: { lingerMs?: number } = {},
): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (value: O) => void; reject: (err: unknown) => void };
  const linger = opts.lingerMs ?? 0;
  let queue: Waiting[] = [];
  let firstQueuedAt = 0;
  let draining = false;
  const drain = async () => {
    while (queue.length > 0) {
      const wait = firstQueuedAt + linger - performance.now();
      // Items added in the same turn (or within the linger) join the flush.
      await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
      const batch = queue;
      queue = [];
      try {
        const out = await flush(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(out[i]!));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    draining = false;
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      if (queue.length === 0) firstQueuedAt = performance.now();
      queue.push({ item, resolve, reject });
      if (draining) return;
      draining = true;
      void drain();
    });
}
