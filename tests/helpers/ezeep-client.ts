// Shared setup of the ezeep client tests against the simulator (tests/ezeep/simulator*.test.ts):
// one demo simulator per file, faults and counters reset before each test, a client with fast
// backoff, and reading the error a call fails with.
import { afterAll, beforeAll, beforeEach, expect } from "vitest";

import { createEzeepClient, EzeepError, type EzeepClient, type EzeepClientConfig } from "@/lib/ezeep";
import { startSimulator, type Simulator } from "@/lib/ezeep-simulator";

/** The error a call fails with (it must fail with an EzeepError). */
export async function caught(p: Promise<unknown>): Promise<EzeepError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(EzeepError);
  return e as EzeepError;
}

/** Registers the hooks; `sim()` is the running simulator inside tests. */
export function clientAgainstSimulator() {
  let running: Simulator | undefined;
  beforeAll(async () => {
    running = await startSimulator({ seed: "demo" });
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(() => {
    running!.faults.clear();
    running!.resetStats();
  });
  const sim = () => {
    if (!running) throw new Error("clientAgainstSimulator(): the simulator runs only inside tests");
    return running;
  };
  return {
    sim,
    makeClient(extra: Partial<EzeepClientConfig> = {}): EzeepClient {
      const c = sim().clients[0]!;
      return createEzeepClient({
        accountUrl: sim().accountUrl,
        apiUrl: sim().apiUrl,
        credentials: { clientId: c.clientId, clientSecret: c.clientSecret },
        // Fast, deterministic backoff; Retry-After is still honoured (it is the simulator's 1 s default).
        baseDelayMs: 5,
        maxDelayMs: 20,
        ...extra,
      });
    },
    /** How often the simulator answered one route since the test started. */
    routeCount: (key: string): number => sim().stats().byRoute[key] ?? 0,
  };
}
