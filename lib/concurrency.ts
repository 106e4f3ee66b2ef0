// The codebase's one concurrency pool: a limiter (at most N callers inside at once, FIFO) and a
// pool map over a list. Everything that runs several ezeep calls at once goes through these.
// And the one way to cut a list into parts (statements, transactions, batches of work).

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
