// One ezeep simulator per test file, wired into the env the portal reads (EZEEP_*).
//
//   import { useSimulator } from "@/tests/helpers/simulator";
//   const sim = useSimulator();                 // starts in beforeAll, closes in afterAll
//   it("…", async () => { sim().faults.add({ path: "/printing/v1/groups/", kind: "status" }); … });
import { afterAll, beforeAll } from "vitest";

import { startSimulator, type Simulator, type SimulatorOptions } from "@/lib/ezeep-simulator";

export const SIMULATOR_ENV_KEYS = [
  "EZEEP_CLIENT_ID",
  "EZEEP_CLIENT_SECRET",
  "EZEEP_ACCOUNT_URL",
  "EZEEP_API_URL",
  "EZEEP_ORGANIZATION_ID",
] as const;

/** The EZEEP_* variables that point the portal at `sim` (its first client's credentials). */
export function simulatorEnv(sim: Simulator): Record<(typeof SIMULATOR_ENV_KEYS)[number], string> {
  const client = sim.clients[0];
  if (!client) throw new Error("the simulator has no registered client");
  return {
    EZEEP_CLIENT_ID: client.clientId,
    EZEEP_CLIENT_SECRET: client.clientSecret,
    EZEEP_ACCOUNT_URL: sim.accountUrl,
    EZEEP_API_URL: sim.apiUrl,
    EZEEP_ORGANIZATION_ID: sim.organizationId,
  };
}

/**
 * Starts a simulator and sets process.env EZEEP_* from it. `stop()` closes it and restores the
 * previous values. Prefer `useSimulator()` inside test files.
 */
export async function startTestSimulator(
  opts: SimulatorOptions = {},
): Promise<{ sim: Simulator; stop(): Promise<void> }> {
  const sim = await startSimulator({ seed: "demo", ...opts });
  const previous = Object.fromEntries(SIMULATOR_ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, simulatorEnv(sim));
  let stopped = false;
  return {
    sim,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await sim.close();
    },
  };
}

/**
 * Registers beforeAll/afterAll hooks that run one simulator for the current test file (or
 * describe block) and returns a getter for it.
 */
export function useSimulator(opts: SimulatorOptions = {}): () => Simulator {
  let running: Awaited<ReturnType<typeof startTestSimulator>> | undefined;
  beforeAll(async () => {
    running = await startTestSimulator(opts);
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  return () => {
    if (!running) throw new Error("useSimulator(): the simulator runs only inside tests (after beforeAll)");
    return running.sim;
  };
}
