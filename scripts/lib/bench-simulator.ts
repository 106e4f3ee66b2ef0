// The benchmarks' ezeep: the simulator in a process of its own, driven through its control routes
// (lib/ezeep-simulator/README.md). ezeep runs on other machines, so the work of producing its
// answers must not be charged to the portal: in the same process the simulator's JSON encoding of
// 10,000 users competed with the portal for one thread and inflated every figure.
import { request } from "node:http";

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

/**
 * One control request on a connection of its own: fetch's pooled keep-alive sockets may have been
 * closed by the simulator during a long scenario ("other side closed").
 */
function controlRequest(url: string, method: string, body?: unknown): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent: false, headers: payload ? { "Content-Type": "application/json" } : {} },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          if ((res.statusCode ?? 500) >= 300)
            reject(new Error(`simulator control ${method} ${url}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as unknown);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Starts a simulator process seeded with `seed` and answering after `latencyMs`. */
export async function startBenchSimulator(seed: BenchSeed, latencyMs = 0): Promise<BenchSimulator> {
  const proc = await startSimulatorProcess({
    seed: "empty",
    onOutput: (chunk) => (process.env.BENCH_DEBUG ? process.stderr.write(chunk) : undefined),
  });
  const control = (method: string, path: string, body?: unknown) =>
    controlRequest(`${proc.accountUrl}/__sim/${path}`, method, body);
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
