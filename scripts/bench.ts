// npm run bench — how many ezeep calls each page and job of the portal makes, and how long it
// takes, against the simulator with injected latency (BENCH_LATENCY_MS, default 20 ms). Figures,
// not assertions: every row prints wall time, ezeep calls, the ideal and the ratio to it.
//
// ideal = max(calls × latency ÷ allowed concurrency, critical path × latency), where the critical
// path is the number of request rounds that depend on each other (e.g. 2 for a list: the first
// page names the count, the rest follow in parallel). A scenario whose last calls wait for all the
// others and for each other (a list, then a read and a write about what it found) names them as
// its `tail`: they add one latency each. Uses a throwaway SQLite database.
import { performance } from "node:perf_hooks";

import { runBench } from "./lib/bench-env";
import { nddBenchOrganization, nddGroupings, nddRequest, nddUsers, pointEnvAt } from "./lib/bench-ndd";
import { startBenchSimulator, type BenchSimulator } from "./lib/bench-simulator";

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const userCount = Number(process.env.BENCH_USERS ?? 10_000);
const extraInvitations = 5_000;
/** BENCH_PROFILE=<folder>: a CPU profile (.cpuprofile, for Chrome DevTools) of each measured scenario. */
const profileDir = process.env.BENCH_PROFILE;
/** BENCH_ONLY=<substring of a row name> (case-insensitive) runs only the scenarios with such a row. */
const only = (process.env.BENCH_ONLY ?? "").trim().toLowerCase();
const wanted = (...rowNames: string[]) => !only || rowNames.some((n) => n.toLowerCase().includes(only));

type Sim = BenchSimulator;

interface Figure {
  name: string;
  ms: number;
  calls: number;
  idealMs: number;
  /** The fewest ezeep calls the scenario needs (stable on a loaded machine, unlike the timing). */
  idealCalls?: number;
  rounds: number;
  note?: string;
}
const figures: Figure[] = [];

function print(f: Figure) {
  const ratio = f.idealMs > 0 ? (f.ms / f.idealMs).toFixed(2) : "—";
  const calls = `calls: ${f.calls} (ideal ${f.idealCalls ?? "—"}), rounds ${f.rounds}`;
  console.log(
    `${f.name.padEnd(46)} ${f.ms.toFixed(0).padStart(7)} ms  ideal ${f.idealMs.toFixed(0).padStart(6)} ms  ratio ${ratio.padStart(5)}  ${calls}${f.note ? `  ${f.note}` : ""}`,
  );
}

/** Times `fn` against `sim`, counting its ezeep calls, and records the figure. */
/** The critical path: dependent rounds, or rounds of the parallel part and a tail (see the top). */
type Path = number | { rounds: number; tail: number };

async function measure<T>(
  sim: Sim,
  name: string,
  rounds: Path,
  concurrency: number,
  fn: () => Promise<T>,
  note?: (value: T) => string,
  idealCalls?: number,
): Promise<T> {
  if (!wanted(name)) return fn();
  await sim.resetStats();
  // The previous scenario's garbage is collected now, not inside this one's timing (--expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const profiler = profileDir ? await startProfile() : null;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const value = await fn();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  await profiler?.(name);
  // CPU time of this process (portal and in-process simulator): unlike wall time, barely load-dependent.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const stats = await sim.stats();
  const calls = stats.requests;
  const tail = typeof rounds === "number" ? 0 : rounds.tail;
  const path = typeof rounds === "number" ? rounds : rounds.rounds;
  const idealMs = Math.max(((calls - tail) * latencyMs) / concurrency, path * latencyMs) + tail * latencyMs;
  const extra = [
    note?.(value),
    `cpu ${cpuMs.toFixed(0)} ms`,
    stats.rateLimited ? `429s ${stats.rateLimited}` : "",
  ].filter(Boolean);
  const figure: Figure = {
    name,
    ms,
    calls,
    idealMs,
    rounds: typeof rounds === "number" ? rounds : rounds.rounds + rounds.tail,
    idealCalls,
    ...(extra.length ? { note: extra.join("; ") } : {}),
  };
  figures.push(figure);
  print(figure);
  return value;
}

/** Starts the CPU profiler; the function returned stops it and writes `<name>.cpuprofile`. */
async function startProfile(): Promise<(name: string) => Promise<void>> {
  const { Session } = await import("node:inspector/promises");
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async (name) => {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    mkdirSync(profileDir!, { recursive: true });
    const file = `${name.replace(/[^\w-]+/g, "-").toLowerCase()}.cpuprofile`;
    writeFileSync(`${profileDir}/${file}`, JSON.stringify(profile));
  };
}

/** An NDD answer as the figures note it: its status and how many error entries it carries. */
async function counted(response: Promise<Response>): Promise<{ status: number; errors: number }> {
  const res = await response;
  return { status: res.status, errors: ((await res.json()) as unknown[]).length };
}

/** The user page's ezeep reads: its loader and its printers section, in one request scope. */
async function userPage(ctx: import("@/lib/auth/context").OrgContext, id: string) {
  const { loadUserPage } = await import("@/lib/users/page-data");
  const { listEffectivePrinters } = await import("@/lib/printers/service");
  const { withEzeepScope } = await import("@/lib/ezeep");
  return withEzeepScope(async () => {
    await loadUserPage(ctx, id, { printers: true, memberships: true, impact: true });
    await listEffectivePrinters(ctx, id);
  });
}

type OwnerContext = Awaited<ReturnType<typeof benchOwner>>["ctx"];
type Org = OwnerContext["organization"];

async function portalScenarios(concurrency: number) {
  const sim = await startBenchSimulator({ users: userCount, groups: 100 });
  pointEnvAt(sim);
  const { org, ctx } = await benchOwner(sim);
  const { ezeepFor } = await import("@/lib/organizations/service");
  const client = ezeepFor(org);
  await client.groups.list({ limit: 1 }); // the token, outside the figures
  await sim.setLatency(latencyMs);
  console.log(
    `ezeep simulator: ${userCount} users, 100 groups, ${latencyMs} ms latency, concurrency ${concurrency}\n`,
  );
  await pageScenarios(sim, concurrency, ctx, org);
  const group = await client.groups.create({ name: "Bench bulk", organization_id: sim.organizationId });
  await bulkScenario(sim, concurrency, ctx, group.id);
  await invitationSyncScenarios(sim, concurrency, org, group.id);
  await sim.close();
}

/** The simulator's organization in the portal and an owner of it. */
async function benchOwner(sim: Sim) {
  const { ensureOrganization } = await import("@/lib/organizations/service");
  const { createAdmin } = await import("@/lib/admins/service");
  const org = await ensureOrganization({ ezeepId: sim.organizationId, name: "Bench" });
  const admin = await createAdmin({
    email: "bench@example.com",
    name: "Bench",
    password: "bench-password-1",
    roles: [{ organizationId: org.id, role: "owner" }],
  });
  const ctx = {
    actor: { type: "admin" as const, id: admin.id, label: admin.email },
    organization: org,
    role: "owner" as const,
  };
  return { org, ctx };
}

/** Page views: the groups page, the users list cold, a user's detail page cold and warm. */
async function pageScenarios(sim: Sim, concurrency: number, ctx: OwnerContext, org: Org) {
  const { listGroups } = await import("@/lib/groups/service");
  const { listGroupsSchema } = await import("@/lib/groups/schemas");
  await measure(
    sim,
    "groups page (100 groups)",
    1,
    concurrency,
    () => listGroups(ctx, listGroupsSchema.parse({})),
    undefined,
    1,
  );

  const directory = await import("@/lib/users/directory");
  const { listUsers } = await import("@/lib/users/service");
  const { listUsersSchema } = await import("@/lib/users/schemas");
  directory.invalidateDirectory(org.id);
  const page = await measure(
    sim,
    `users list, cold (${userCount} users)`,
    2,
    concurrency,
    () => listUsers(ctx, listUsersSchema.parse({})),
    (p) => `${p.organizationUsers} users`,
  );
  await directory.directoryWritten(org.id); // the shared tables are written after the page is served

  const someone = page.items.find((u) => u.printing && u.groups.length >= 3) ?? page.items[0]!;
  // A server has its modules loaded before any page view: only the directory is cold here.
  await Promise.all([import("@/lib/users/page-data"), import("@/lib/printers/service")]);
  directory.invalidateDirectory(org.id);
  await measure(sim, "user detail page, cold process", 2, concurrency, () => userPage(ctx, someone.id));
  await listUsers(ctx, listUsersSchema.parse({}));
  await directory.directoryWritten(org.id);
  await measure(sim, "user detail page, warm", 2, concurrency, () => userPage(ctx, someone.id));
}

/** Adding 100 people to one group through the membership service. */
async function bulkScenario(sim: Sim, concurrency: number, ctx: OwnerContext, groupId: string) {
  const { listUsers } = await import("@/lib/users/service");
  const { listUsersSchema } = await import("@/lib/users/schemas");
  const { bulkAddToGroup } = await import("@/lib/memberships/bulk");
  const people = (await listUsers(ctx, listUsersSchema.parse({ pageSize: 100, page: 3 }))).items
    .filter((u) => u.printing)
    .slice(0, 100)
    .map((u) => u.id);
  const { ezeepFor } = await import("@/lib/organizations/service");
  const { mapPool } = await import("@/lib/concurrency");
  const client = ezeepFor(ctx.organization);
  const reads = [...people, ...people, people[0]!];
  // The floor under the bulk row: as many plain reads at the allowed concurrency, nothing else.
  await measure(sim, `${reads.length} plain reads (floor of the bulk row)`, 1, concurrency, () =>
    mapPool(reads, concurrency, (id) => client.printingUsers.get(id)),
  );
  await measure(
    sim,
    `bulk membership, ${people.length} users`,
    2,
    concurrency,
    () => bulkAddToGroup(ctx, { groupId, userIds: people }),
    (r) => `${r.results.filter((x) => x.ok).length} ok`,
    1 + 2 * people.length, // the group, then per user its re-read and its write
  );
}

/** Invitation sync: 5,020 invitations; one portal-sent invitation accepted with intended groups. */
async function invitationSyncScenarios(sim: Sim, concurrency: number, org: Org, groupId: string) {
  const syncRows = [
    `invitation sync (${extraInvitations + 20} invitations, 1 accepted)`,
    "invitation sync, nothing changed",
  ];
  if (!wanted(...syncRows)) return;
  const { ezeepFor } = await import("@/lib/organizations/service");
  const client = ezeepFor(org);
  await sim.setLatency(0);
  const { mapPool } = await import("@/lib/concurrency");
  await mapPool(
    Array.from({ length: extraInvitations }, (_, i) => i),
    16,
    (i) =>
      client.invitations.create({
        email: `bench.invitee.${i}@bench.example`,
        expire_date: new Date(Date.now() + 14 * 86_400_000),
      }),
  );
  const { syncInvitations } = await import("@/lib/invitations/service");
  const { db } = await import("@/lib/db");
  await syncInvitations(org); // imports every invitation: database work, not measured
  const row = await db.invitation.findFirstOrThrow({
    where: { organizationId: org.id, email: "bench.invitee.4321@bench.example" },
  });
  await db.invitation.update({
    where: { id: row.id },
    data: { origin: "portal", intendedGroupIds: JSON.stringify([groupId]), groupsAppliedAt: null },
  });
  // The invitees were invited well before anyone accepts: the users directory's refresh has seen
  // them (as unverified users) since, as it would have in a running portal.
  const { refreshDirectory } = await import("@/lib/users/directory");
  await refreshDirectory(org);
  await sim.acceptInvitation(row.ezeepInvitationId!);
  await sim.setLatency(latencyMs);
  await measure(
    sim,
    `invitation sync (${extraInvitations + 20} invitations, 1 accepted)`,
    // The list, then the invitee (beside the group names), their groups inside the lock, the write.
    { rounds: 2, tail: 3 },
    concurrency,
    () => syncInvitations(org),
    (s) => `${s.groupsApplied.length} groups applied`,
  );
  await measure(sim, "invitation sync, nothing changed", 2, concurrency, () => syncInvitations(org));
}

async function nddScenarios(concurrency: number) {
  const perGroup = 1000;
  const existingPerGroup = 800;
  const sim = await startBenchSimulator({ users: existingPerGroup * 5 + 10, groups: 10 });
  pointEnvAt(sim);
  const { ezeepFor } = await import("@/lib/organizations/service");
  const { org, token, verified } = await nddBenchOrganization(sim, "Bench NDD");
  const body = JSON.stringify({
    Client: "BENCH",
    Groups: nddGroupings(verified, perGroup, existingPerGroup),
  });
  const call = () => counted(nddRequest("groups/users", "Bench NDD", token, body));
  await sim.setLatency(latencyMs);
  console.log("");
  const note = (r: { status: number; errors: number }) => `status ${r.status}, ${r.errors} error entries`;
  const pages = (n: number) => Math.ceil(n / 100);
  const accounts = (await ezeepFor(org).users.all({ perPage: 100 })).length;
  const lists = 1 + pages(accounts) + pages(accounts); // groups, account users, printing users
  const newPeople = 5 * (perGroup - existingPerGroup);
  await measure(
    sim,
    "NDD 5 × 1,000 (first run)",
    3,
    concurrency,
    call,
    note,
    lists + 5 + 5 * existingPerGroup + newPeople,
  );
  // The repeat reads the same lists, now longer: the first run's invitations added account users.
  const listsNow =
    1 +
    pages((await ezeepFor(org).users.all({ perPage: 100 })).length) +
    pages((await ezeepFor(org).printingUsers.all({ pageSize: 100 })).length);
  await measure(sim, "NDD 5 × 1,000 repeated (no-op)", 2, concurrency, call, note, listsNow);
  if (!wanted("NDD /v1/users 4,500")) return void (await sim.close());
  // POST /v1/users with 4,500 people: 80 % existing ezeep users, 20 % new (invited).
  const usersBody = JSON.stringify({ Client: "BENCH", Users: nddUsers(verified, 4500, 3600) });
  const callUsers = () => counted(nddRequest("users", "Bench NDD", token, usersBody));
  const accountsNow = (await ezeepFor(org).users.all({ perPage: 100 })).length;
  await measure(
    sim,
    "NDD /v1/users 4,500 (first run)",
    2,
    concurrency,
    callUsers,
    note,
    pages(accountsNow) + 900,
  );
  await measure(
    sim,
    "NDD /v1/users 4,500 repeated (no-op)",
    1,
    concurrency,
    callUsers,
    note,
    pages(accountsNow + 900),
  );
  await sim.close();
}

async function main() {
  const { migrateDatabase } = await import("@/lib/db-migrate");
  migrateDatabase(process.env.DATABASE_URL!);
  const { ezeepMaxConcurrency } = await import("@/lib/organizations/service");
  const concurrency = ezeepMaxConcurrency();
  const portalRows = ["groups page", "users list", "user detail page", "bulk membership", "invitation sync"];
  if (wanted(...portalRows)) await portalScenarios(concurrency);
  if (process.env.BENCH_SKIP_NDD !== "1" && wanted("NDD 5 × 1,000", "NDD /v1/users 4,500"))
    await nddScenarios(concurrency);
  console.log("\nsummary (ratio to ideal; calls and rounds do not depend on the machine's load):");
  for (const f of figures)
    console.log(
      `  ${f.name.padEnd(46)} ${(f.ms / f.idealMs).toFixed(2).padStart(6)}   calls: ${f.calls} (ideal ${f.idealCalls ?? "—"}), rounds ${f.rounds}`,
    );
  const { db } = await import("@/lib/db");
  await db.$disconnect();
}

runBench(main);
