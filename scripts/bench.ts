// npm run bench — prints how fast the portal's ezeep path is against the simulator. Figures, not
// assertions: compare runs before and after a change. Every scenario runs against a simulator
// with injected latency (BENCH_LATENCY_MS, default 20 ms) so network cost is visible.
import { performance } from "node:perf_hooks";

import { createEzeepClient } from "@/lib/ezeep";
import { startSimulator } from "@/lib/ezeep-simulator";

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const users = Number(process.env.BENCH_USERS ?? 10_000);

function row(name: string, ms: number, extra = "") {
  console.log(`${name.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms  ${extra}`);
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function main() {
  const [sim, seedMs] = await time(() => startSimulator({ seed: { users }, latencyMs }));
  console.log(
    `ezeep simulator: ${users} users, ${latencyMs} ms latency per request (seeded in ${seedMs.toFixed(0)} ms)\n`,
  );
  const client = sim.clients[0];
  const ezeep = () =>
    createEzeepClient({
      accountUrl: sim.accountUrl,
      apiUrl: sim.apiUrl,
      credentials: { clientId: client.clientId, clientSecret: client.clientSecret },
    });

  // 1. Token single-flight: 100 concurrent first calls share one token request.
  sim.resetStats();
  const cold = ezeep();
  const [, coldMs] = await time(() =>
    Promise.all(Array.from({ length: 100 }, () => cold.groups.list({ limit: 1 }))),
  );
  row(
    "100 concurrent calls on a cold client",
    coldMs,
    `token requests: ${sim.stats().tokenRequests.client_credentials}, peak in flight: ${sim.stats().inFlightMax}`,
  );

  // 2. Reading every group (what the groups page does per view).
  const [groups, groupsMs] = await time(() => cold.groups.all());
  row(`list all groups (${groups.length})`, groupsMs);

  // 3. Paging through every account user, 100 per page (sequential by nature of next links).
  sim.resetStats();
  const [count, usersMs] = await time(async () => {
    let n = 0;
    for await (const _ of cold.users.iterate({ perPage: 100 })) n++;
    return n;
  });
  const pages = sim.stats().requests;
  row(
    `iterate ${count} account users`,
    usersMs,
    `${pages} requests, ideal ${(pages * latencyMs).toFixed(0)} ms → ratio ${(usersMs / (pages * latencyMs)).toFixed(2)}`,
  );

  // 4. Retries: a GET through two injected 503s.
  sim.faults.add({
    host: "api",
    method: "GET",
    path: "/printing/v1/groups/",
    kind: "status",
    status: 503,
    times: 2,
  });
  const [, retryMs] = await time(() => cold.groups.list({ limit: 1 }));
  row("GET through two 503s (jittered backoff)", retryMs);
  sim.faults.clear();

  await sim.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
