// One lane per (ezeep host, API client): the budget of requests in flight and the Retry-After gate.
//
// ezeep does not document its rate limits (docs/ezeep.md, "Rate limits"); a 429 with Retry-After
// is assumed to throttle the API client on that host, not one request. So when one request is told
// to wait, every request of the same client to the same host waits until the gate opens again —
// the other parallel requests of the same page included — instead of running into the window and
// being throttled once more. Requests queue for a slot of the lane's limiter, and inside the slot
// wait for the gate before they are sent.
//
// Lanes are process-wide (a registry on globalThis), so every client object of one API client —
// the partner view, each organization's client, scripts — shares them. A `LaneStore` shares the
// gate with other processes (the portal keeps it in its database), and `setMax` lets the owner
// give this process its share of a budget that several instances split.
import { createLimiter, type CountingLimiter } from "@/lib/concurrency";

import type { Host } from "./http";

/** Gate state shared with other processes; the portal implements it on its database. */
export interface LaneStore {
  /** Epoch ms until which the lane is closed (0 or past when open). */
  readBlockedUntil(key: string): Promise<number>;
  /** Closes the lane until `until` (keeps a later time already stored). */
  writeBlockedUntil(key: string, until: number): Promise<void>;
}

export interface Lane {
  readonly key: string;
  readonly limiter: CountingLimiter;
  /** Resolves once no Retry-After window is open; returns the milliseconds waited. */
  whenOpen(): Promise<number>;
  /** ezeep asked to wait: close the lane for every request until `until` (epoch ms). */
  block(until: number): Promise<void>;
  /** Epoch ms until which this process knows the lane is closed (0 when open). */
  blockedUntil(): number;
  /**
   * Starts reading the shared gate now if the last read is stale, so the first request finds it
   * read (or in flight) instead of queueing its read behind the caller's own database work.
   */
  prefetch(): void;
}

export interface LaneOptions {
  maxConcurrency?: number;
  store?: LaneStore | null;
  /** How long a read of the shared gate is trusted, in ms (default 250). */
  storeCacheMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_LANE_CONCURRENCY = 8;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createLane(key: string, opts: LaneOptions = {}): Lane {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const cacheMs = opts.storeCacheMs ?? 250;
  const limiter = createLimiter(opts.maxConcurrency ?? DEFAULT_LANE_CONCURRENCY);
  let localUntil = 0;
  let shared: { until: number; readAt: number } | null = null;
  let reading: Promise<number> | null = null;

  async function sharedUntil(): Promise<number> {
    const store = opts.store;
    if (!store) return 0;
    if (shared && now() - shared.readAt < cacheMs) return shared.until;
    // One read in flight per lane: parallel requests share it.
    reading ??= store
      .readBlockedUntil(key)
      .catch(() => 0) // the database being unreachable must not stop ezeep traffic
      .then((until) => {
        shared = { until, readAt: now() };
        return until;
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  }

  return {
    key,
    limiter,
    blockedUntil: () => (localUntil > now() ? localUntil : 0),
    prefetch: () => void sharedUntil(),
    async whenOpen() {
      let waited = 0;
      let satisfied = 0; // the latest window already sat out (robust against a frozen test clock)
      for (let i = 0; i < 100; i++) {
        const until = Math.max(localUntil, await sharedUntil());
        const left = until - Math.max(now(), satisfied);
        if (until <= satisfied || left <= 0) return waited;
        await sleep(left);
        waited += left;
        satisfied = until;
      }
      return waited;
    },
    async block(until: number) {
      if (until > localUntil) localUntil = until;
      if (shared && until > shared.until) shared = { until, readAt: now() };
      await opts.store?.writeBlockedUntil(key, until).catch(() => undefined);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The process-wide registry

interface Registry {
  lanes: Map<string, Lane>;
  options: Omit<LaneOptions, "now" | "sleep">;
}

const g = globalThis as unknown as { __ezeepLanes?: Registry };
const registry: Registry = (g.__ezeepLanes ??= { lanes: new Map(), options: {} });

/** The key of a lane: the host's base URL and the API client's id. */
export function laneKey(baseUrl: string, clientId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}|${clientId}`;
}

/** The lane of (host base URL, client id), created on first use with the registry's options. */
export function laneFor(baseUrl: string, clientId: string): Lane {
  const key = laneKey(baseUrl, clientId);
  let lane = registry.lanes.get(key);
  if (!lane) registry.lanes.set(key, (lane = createLane(key, registry.options)));
  return lane;
}

/**
 * Sets how lanes are made from now on (concurrency, shared store) and applies the concurrency to
 * the lanes that exist. The portal calls this once from its client factory.
 */
export function configureLanes(options: Omit<LaneOptions, "now" | "sleep">): void {
  // In place: lanes made earlier hold this object and read `store` from it on every request.
  Object.assign(registry.options, options);
  const max = options.maxConcurrency;
  if (max !== undefined) for (const lane of registry.lanes.values()) lane.limiter.setMax(max);
}

/** Every lane of this process (for the budget heartbeat and tests). */
export function allLanes(): Lane[] {
  return [...registry.lanes.values()];
}

/** Forgets every lane (tests). */
export function resetLanes(): void {
  registry.lanes.clear();
  const options = registry.options;
  delete options.maxConcurrency;
  delete options.store;
  delete options.storeCacheMs;
}

/** Picks the lane of a request: one per host for a client. */
export type LaneResolver = (host: Host) => Lane;
