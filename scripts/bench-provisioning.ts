// npm run bench:provisioning — NDD bulk upsert speed (figures, not assertions).
// Upserts 5 groupings × 1000 users through POST /v1/groups/users (the route handler, in-process)
// against the simulator with injected latency, and prints the wall time next to the ideal
// (ezeep calls × latency ÷ the concurrency the portal allows ezeep, EZEEP_MAX_CONCURRENCY) as a
// ratio. 80 % of each grouping's users exist in ezeep (membership), 20 % are new (invitation).
// Uses a throwaway SQLite database (or BENCH_DATABASE_URL).
import { performance } from "node:perf_hooks";

import { runBench } from "./lib/bench-env";
import { nddBenchOrganization, nddGroupings, nddRequest, nddUsers, pointEnvAt } from "./lib/bench-ndd";

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const perGroup = Number(process.env.BENCH_USERS_PER_GROUP ?? 1000);
const existingShare = 0.8;

type Sim = Awaited<ReturnType<(typeof import("@/lib/ezeep-simulator"))["startSimulator"]>>;

async function main() {
  const { migrateDatabase } = await import("@/lib/db-migrate");
  migrateDatabase(process.env.DATABASE_URL!);
  const { startSimulator } = await import("@/lib/ezeep-simulator");
  const { ezeepMaxConcurrency } = await import("@/lib/organizations/service");
  const { db } = await import("@/lib/db");
  // SQLite runs in WAL mode with synchronous=NORMAL (lib/db.ts), as the portal itself does.

  const existingPerGroup = Math.round(perGroup * existingShare);
  const sim = await startSimulator({
    seed: { users: Math.max(existingPerGroup * 5, 3600) + 10, groups: 10 },
  });
  pointEnvAt(sim);
  const { token, verified } = await nddBenchOrganization(sim, "Bench Corp");
  const body = JSON.stringify({
    Client: "BENCH",
    Groups: nddGroupings(verified, perGroup, existingPerGroup),
  });
  const call = () => nddRequest("groups/users", "Bench Corp", token, body);

  const concurrency = ezeepMaxConcurrency();
  console.log(
    `NDD upsert: 5 groupings × ${perGroup} users (${existingPerGroup} existing, ${perGroup - existingPerGroup} new each), ` +
      `${latencyMs} ms latency, ezeep concurrency ${concurrency}, database ${process.env.DATABASE_URL!.split(":")[0]}${process.env.DATABASE_URL!.startsWith("postgres") || process.env.BENCH_SQLITE_WAL === "0" ? "" : " (WAL)"}\n`,
  );
  await measure(sim, concurrency, "groups/users 5×1000, first run", call);
  await measure(sim, concurrency, "groups/users 5×1000, no-op repeat", call);

  // POST /v1/users with 4,500 people: 80 % existing ezeep users, 20 % new (invited).
  const users = nddUsers(verified, 4500, Math.round(4500 * existingShare));
  const usersBody = JSON.stringify({ Client: "BENCH", Users: users });
  const callUsers = () => nddRequest("users", "Bench Corp", token, usersBody);
  await measure(sim, concurrency, "users 4,500, first run", callUsers);
  await measure(sim, concurrency, "users 4,500, no-op repeat", callUsers);
  sim.setLatency(0);
  await sim.close();
  await db.$disconnect();
}

/** Wall time of one request next to the ideal: ezeep calls × latency ÷ the allowed concurrency. */
async function measure(sim: Sim, concurrency: number, label: string, run: () => Promise<Response>) {
  sim.setLatency(latencyMs);
  sim.resetStats();
  const start = performance.now();
  const res = await run();
  const wall = performance.now() - start;
  const stats = sim.stats();
  const errors = (await res.json()) as unknown[];
  if (process.env.BENCH_PRINT_ERRORS === "1" && errors.length)
    console.log(JSON.stringify(errors.slice(0, 10), null, 1));
  const ideal = (stats.requests * latencyMs) / concurrency;
  if (process.env.BENCH_ROUTES === "1") console.log(stats.byRoute);
  console.log(
    `${label.padEnd(34)} ${wall.toFixed(0).padStart(6)} ms   ezeep calls ${String(stats.requests).padStart(5)}   ideal ${ideal.toFixed(0).padStart(6)} ms   ` +
      `ratio ${(wall / ideal).toFixed(2)}   peak in flight ${stats.inFlightMax}   429s ${stats.rateLimited}   status ${res.status}, ${errors.length} error entries`,
  );
}

runBench(main);
