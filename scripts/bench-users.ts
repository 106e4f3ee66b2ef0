// npm run bench:users — how fast the Users page is for a 10,000-user organization.
// Figures, not assertions. The simulator adds BENCH_LATENCY_MS (default 20 ms) to every request.
//
// What is measured: reading the organization's users from ezeep (lib/users/directory-build.ts:
// every account-user page and every printing-user page, 100 per page, 6 in flight, plus all
// groups), keeping them in the shared directory tables (lib/users/directory.ts), what a page view
// costs on an instance with a copy, on a fresh instance, and after another instance's change,
// and answering list queries (search, group/role filters, sorts, deep pages).
//
// Then membership writes through the real service (key lock with its database lease, re-read,
// PATCH, audit entry) on a throwaway SQLite database: a bulk add of 100 people the way the browser
// sends it (batches of 10), and 10 admins adding groups to the same person at once (serialized).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { pointEnvAt } from "./lib/bench-ndd";

// The portal's modules read DATABASE_URL when first imported: set it before importing them.
const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-users-"));
process.env.DATABASE_URL = `file:${path.join(tmp, "bench.db")}`;
const { startSimulator } = await import("@/lib/ezeep-simulator");
const { createEzeepClient } = await import("@/lib/ezeep");
const { buildDirectory } = await import("@/lib/users/directory");
type Directory = import("@/lib/users/directory").Directory;
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

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type Client = ReturnType<typeof createEzeepClient>;

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
  await readSequentially(sim, client);
  const dir = await buildIndex(sim, client);
  await queryIndex(dir);
  // 3. The first query after a change: applying changed rows drops the copy's cached sort
  //    orders, so the next view sorts 10,000 users once.
  const [, resortMs] = await time(() => {
    dir.sorted.clear();
    return queryDirectory(dir, listUsersSchema.parse({ sort: "email" }));
  });
  row("first query after a change (re-sort 10,000 by email)", resortMs);

  console.log("");
  const { contexts, db } = await portalWithAdmins(sim);
  await sharedDirectory(contexts[0], contexts[0].organization, sim);
  await membershipWrites(sim, client, dir, contexts);
  await db.$disconnect();
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
}

async function readSequentially(sim: Sim, client: Client): Promise<void> {
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
}

async function buildIndex(sim: Sim, client: Client): Promise<Directory> {
  // 1. Reading everything from ezeep (the refresh job's work; a page view never waits for it).
  sim.resetStats();
  const [build, buildMs] = await time(() => buildDirectory(client));
  const dir: Directory = {
    builtAt: Date.now(),
    buildMs,
    users: build.users,
    byId: new Map(build.users.map((u) => [u.id, u])),
    groups: new Map(build.groups.map((g) => [g.id, g])),
    sorted: new Map(),
  };
  const s = sim.stats();
  row(
    `read from ezeep: ${dir.users.length} users + printing rows + ${dir.groups.size} groups`,
    buildMs,
    `${s.requests} requests, peak in flight ${s.inFlightMax}`,
  );
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`${"".padEnd(62)} heap in use after build: ${heapMb.toFixed(0)} MB\n`);

  return dir;
}

async function queryIndex(dir: Directory): Promise<void> {
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
}

/** 4. The portal against the simulator: its database, organization and ten admins. */
async function portalWithAdmins(sim: Sim) {
  const { migrateDatabase } = await import("@/lib/db-migrate");
  migrateDatabase(process.env.DATABASE_URL!);
  pointEnvAt(sim);
  const { ensureOrganization } = await import("@/lib/organizations/service");
  const { createAdmin } = await import("@/lib/admins/service");
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
  return { contexts, db };
}

/** Membership writes through the portal's service, with locks, leases and audit entries. */
async function membershipWrites(sim: Sim, client: Client, dir: Directory, contexts: Ctx[]): Promise<void> {
  const { addUserToGroups } = await import("@/lib/memberships/service");
  const { bulkAddToGroup } = await import("@/lib/memberships/bulk");
  const { db } = await import("@/lib/db");
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
  const audits = await db.auditEntry.count({ where: { action: "membership.update", outcome: "success" } });
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
}

type Ctx = import("@/lib/auth/context").OrgContext;

/** The shared directory: first build, page views per instance, the refresh job, a change. */
async function sharedDirectory(
  ctx: Ctx,
  org: Ctx["organization"],
  sim: Awaited<ReturnType<typeof startSimulator>>,
) {
  const { getDirectory, refreshDirectory, applyLocalChange } = await import("@/lib/users/directory");
  const copies = globalThis as unknown as { __userDirectories?: Map<string, unknown> };
  const page = listUsersSchema.parse({});
  const view = async () => queryDirectory(await getDirectory(ctx), page).rows.length;
  const measure = async (name: string, fn: () => Promise<unknown>) => {
    sim.resetStats();
    const [, ms] = await time(fn);
    row(name, ms, `${sim.stats().requests} ezeep requests`);
  };
  await measure("first page view ever (reads ezeep, writes the shared directory)", view);
  const samples: number[] = [];
  sim.resetStats();
  for (let i = 0; i < 15; i++) samples.push((await time(view))[1]);
  row(
    "page view, instance with a current copy",
    median(samples),
    `(median of 15) ${sim.stats().requests} ezeep requests`,
  );
  copies.__userDirectories = new Map(); // a freshly started instance
  await measure("first page view of a new instance (loads 10,000 rows from the database)", view);
  await measure("refresh job, nothing changed in ezeep (writes nothing)", () => refreshDirectory(org));
  const someone = (await getDirectory(ctx)).users[42];
  copies.__userDirectories = new Map();
  await view(); // instance B has a copy
  const instanceB = copies.__userDirectories;
  copies.__userDirectories = new Map();
  await measure("another instance's change reaches the database", () =>
    applyLocalChange(org.id, { userId: someone.id, groupIds: [] }),
  );
  copies.__userDirectories = instanceB;
  await measure("page view on instance B right after it (loads 1 row, re-sorts)", view);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
