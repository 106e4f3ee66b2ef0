// npx tsx scripts/bench-users.ts — how fast the Users page is for a 10,000-user organization.
// Figures, not assertions. The simulator adds BENCH_LATENCY_MS (default 20 ms) to every request.
//
// What is measured: building the per-organization user index (lib/users/directory.ts: every
// account-user page and every printing-user page, 100 per page, 6 in flight, plus all groups)
// and answering list queries from it (search, group/role filters, sorts, deep pages) — the work
// one Users page view does once the index is warm.
//
// Then membership writes through the real service (key lock with its database lease, re-read,
// PATCH, audit entry) on a throwaway SQLite database: a bulk add of 100 people the way the browser
// sends it (batches of 10), and 10 admins adding groups to the same person at once (serialized).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

// The portal's modules read DATABASE_URL when first imported: set it before importing them.
const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-users-"));
process.env.DATABASE_URL = `file:${path.join(tmp, "bench.db")}`;
const { startSimulator } = await import("@/lib/ezeep-simulator");
const { createEzeepClient } = await import("@/lib/ezeep");
const { buildDirectory } = await import("@/lib/users/directory");
const { listUsersSchema } = await import("@/lib/users/schemas");
const { queryDirectory, toListItem } = await import("@/lib/users/service");

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const users = Number(process.env.BENCH_USERS ?? 10_000);

function row(name: string, ms: number, extra = "") {
  console.log(`${name.padEnd(62)} ${ms.toFixed(ms < 10 ? 2 : 0).padStart(8)} ms  ${extra}`);
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const [sim, seedMs] = await time(() => startSimulator({ seed: { users }, latencyMs }));
  console.log(
    `ezeep simulator: ${users} users, ${latencyMs} ms latency per request (seeded in ${seedMs.toFixed(0)} ms)\n`,
  );
  const c = sim.clients[0];
  const client = createEzeepClient({
    accountUrl: sim.accountUrl,
    apiUrl: sim.apiUrl,
    credentials: { clientId: c.clientId, clientSecret: c.clientSecret },
  });
  await client.groups.list({ limit: 1 }); // token

  // Reference: reading every account user one page after the other (next links).
  sim.resetStats();
  const [, sequentialMs] = await time(async () => {
    let n = 0;
    for await (const _ of client.users.iterate({ perPage: 100 })) n++;
    return n;
  });
  row(
    `reference: iterate ${users} account users sequentially`,
    sequentialMs,
    `${sim.stats().requests} requests`,
  );

  // 1. Cold index build (first Users page view after start, or after 10 min idle).
  sim.resetStats();
  const [dir, buildMs] = await time(() => buildDirectory(client));
  const s = sim.stats();
  row(
    `cold index build: ${dir.users.length} users + printing rows + ${dir.groups.size} groups`,
    buildMs,
    `${s.requests} requests, peak in flight ${s.inFlightMax}`,
  );
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`${"".padEnd(62)} heap in use after build: ${heapMb.toFixed(0)} MB\n`);

  // 2. Queries against the warm index (what every later page view does; no ezeep request).
  const someGroup = [...dir.groups.keys()][3];
  const someUser = dir.users[4321];
  const cases: [string, Record<string, unknown>][] = [
    ["page 1, sorted by name", {}],
    ["page 200 of 400 (25 per page)", { page: 200 }],
    [
      `search "${someUser.lastName.toLowerCase().slice(0, 4)}" (name or email)`,
      { q: someUser.lastName.toLowerCase().slice(0, 4) },
    ],
    ["exact email search", { q: someUser.email }],
    ["filter by one group", { group: someGroup }],
    [
      "filter by group + role user + sort by email desc",
      { group: someGroup, role: "user", sort: "email", dir: "desc" },
    ],
    ["sort by number of groups, last page", { sort: "groups", page: 400 }],
  ];
  for (const [name, q] of cases) {
    const query = listUsersSchema.parse(q);
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < 15; i++) {
      const [, ms] = await time(() => {
        const r = queryDirectory(dir, query);
        total = r.total;
        return r.rows.map((u) => toListItem(dir, u));
      });
      samples.push(ms);
    }
    row(
      `query: ${name}`,
      median(samples),
      `(median of 15) → ${total} matches, ${Math.min(total, query.pageSize)} rows sent`,
    );
  }

  // 3. The first query after a change: the portal's own writes patch the index in place and drop
  //    its cached sort orders, so the next view sorts 10,000 users once.
  const [, resortMs] = await time(() => {
    dir.sorted.clear();
    return queryDirectory(dir, listUsersSchema.parse({ sort: "email" }));
  });
  row("first query after a change (re-sort 10,000 by email)", resortMs);

  // 4. Membership writes through the portal's service, with locks, leases and audit entries.
  console.log("");
  const { migrateDatabase } = await import("@/lib/db-migrate");
  migrateDatabase(process.env.DATABASE_URL!);
  Object.assign(process.env, {
    EZEEP_CLIENT_ID: c.clientId,
    EZEEP_CLIENT_SECRET: c.clientSecret,
    EZEEP_ACCOUNT_URL: sim.accountUrl,
    EZEEP_API_URL: sim.apiUrl,
    EZEEP_ORGANIZATION_ID: sim.organizationId,
  });
  const { ensureOrganization } = await import("@/lib/organizations/service");
  const { createAdmin } = await import("@/lib/admins/service");
  const { getDirectory } = await import("@/lib/users/directory");
  const { bulkAddToGroup, addUserToGroups } = await import("@/lib/memberships/service");
  const { db } = await import("@/lib/db");
  const org = await ensureOrganization({ ezeepId: sim.organizationId, name: "Bench" });
  const contexts = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const admin = await createAdmin({
        email: `bench${i}@example.com`,
        name: `Bench ${i}`,
        password: "bench-password-1",
        roles: [{ organizationId: org.id, role: "admin" }],
      });
      return {
        actor: { type: "admin" as const, id: admin.id, label: admin.email },
        organization: org,
        role: "admin" as const,
      };
    }),
  );
  const [, warmMs] = await time(() => getDirectory(contexts[0]));
  row("portal index build through ezeepFor (8 requests in flight max)", warmMs);
  const group = await client.groups.create({ name: "Bench bulk", organization_id: sim.organizationId });
  const people = dir.users
    .filter((u) => u.printing && !u.groupIds.includes(group.id))
    .slice(0, 100)
    .map((u) => u.id);
  sim.resetStats();
  const [, bulkMs] = await time(async () => {
    for (let i = 0; i < people.length; i += 10)
      await bulkAddToGroup(contexts[0], { groupId: group.id, userIds: people.slice(i, i + 10) });
  });
  const audits = await db.auditEntry.count({ where: { action: "membership.bulk_add", outcome: "success" } });
  row(
    `bulk add ${people.length} people to a group (10 batches of 10)`,
    bulkMs,
    `${audits} audit entries, ${sim.stats().requests} ezeep requests`,
  );

  const target = people[0];
  const tenGroups = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      client.groups.create({ name: `Bench concurrent ${i}`, organization_id: sim.organizationId }),
    ),
  );
  const [, concMs] = await time(() =>
    Promise.all(tenGroups.map((g, i) => addUserToGroups(contexts[i], { userId: target, groupIds: [g.id] }))),
  );
  const finalGroups = (await client.printingUsers.get(target)).groups.map((g) => g.group_id);
  const kept = tenGroups.filter((g) => finalGroups.includes(g.id)).length;
  row(
    "10 admins add 10 groups to the same person at once",
    concMs,
    `serialized per user; ${kept}/10 memberships kept`,
  );

  await db.$disconnect();
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
