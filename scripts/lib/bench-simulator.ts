// The benchmarks' ezeep: the simulator in a process of its own, driven through its control routes
// (lib/ezeep-simulator/README.md). ezeep runs on other machines, so the work of producing its
// answers must not be charged to the portal: in the same process the simulator's JSON encoding of
// 10,000 users competed with the portal for one thread and inflated every figure.
import { startSimulatorProcess } from "./simulator-process.mjs";

export interface SimulatorStats {
  requests: number;
  rateLimited: number;
  inFlightMax: number;
}

export interface SimulatorClientInfo {
  clientId: string;
  clientSecret: string;
}

export interface BenchSimulator {
  accountUrl: string;
  apiUrl: string;
  organizationId: string;
  clients: SimulatorClientInfo[];
  setLatency(ms: number): Promise<void>;
  resetStats(): Promise<void>;
  stats(): Promise<SimulatorStats>;
  acceptInvitation(invitationId: string): Promise<void>;
  close(): Promise<void>;
}

export interface BenchSeed {
  users: number;
  groups?: number;
}

/** Starts a simulator process seeded with `seed` and answering after `latencyMs`. */
export async function startBenchSimulator(seed: BenchSeed, latencyMs = 0): Promise<BenchSimulator> {
  const proc = await startSimulatorProcess({ seed: "empty", onOutput: () => undefined });
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${proc.accountUrl}/__sim/${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const reset = (await control("POST", "reset", { seed })) as {
    organizationId: string;
    clients: SimulatorClientInfo[];
  };
  await control("POST", "latency", { ms: latencyMs });
  return {
    accountUrl: proc.accountUrl,
    apiUrl: proc.apiUrl,
    organizationId: reset.organizationId,
    clients: reset.clients,
    setLatency: async (ms) => void (await control("POST", "latency", { ms })),
    resetStats: async () => void (await control("POST", "stats/reset")),
    stats: async () => (await control("GET", "stats")) as SimulatorStats,
    acceptInvitation: async (id) =>
      void (await control("POST", `invitations/${encodeURIComponent(id)}/accept`, {})),
    close: async () => proc.stop(),
  };
}
