// npm run bench:audit — the audit log at scale: seeds 1,000,000 entries (once; reused while the
// database has them) and prints p50/p95 of typical filtered queries, then export throughput and
// peak memory. Figures, not assertions (target: p95 ≤ 30 ms per query).
//
//   npm run bench:audit                                   # SQLite: /tmp/portal-bench-audit.db
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:54329/bench_audit npm run bench:audit
//   BENCH_ROWS=200000 …                                   # fewer rows
import { performance } from "node:perf_hooks";

import pg from "pg";

const url = process.env.BENCH_DATABASE_URL ?? "file:/tmp/portal-bench-audit.db";
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
process.env.DATABASE_URL = url;
process.env.PORTAL_JOBS = "off";

const ORG = "bench-org-main";
const ACTIONS = [
  "group.create",
  "group.update",
  "group.delete",
  "user.update",
  "user.delete",
  "membership.add",
  "membership.remove",
  "invitation.create",
  "invitation.resend",
  "printer.assign",
  "printer.unassign",
  "printer.update",
];

async function ensurePgDatabase() {
  const target = new URL(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const name = decodeURIComponent(target.pathname.slice(1));
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

function pct(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

type Queries = typeof import("@/lib/audit/queries") & typeof import("@/lib/audit/activity-chart");
type Db = (typeof import("@/lib/db"))["db"];
const scope = { organizationId: ORG };
/** The seeded entries' first second (1 Dec 2025) and span (one year). */
const start = Date.UTC(2025, 11, 1) / 1000;
const span = 365 * 86400;

async function main() {
  const { isPostgresUrl } = await import("@/lib/db");
  const postgres = isPostgresUrl(url);
  if (postgres) await ensurePgDatabase();
  const { migrateDatabase } = await import("@/lib/db-migrate");
  migrateDatabase(url);
  const { db } = await import("@/lib/db");
  const q: Queries = {
    ...(await import("@/lib/audit/queries")),
    ...(await import("@/lib/audit/activity-chart")),
  };

  const have = await seedEntries(db, postgres);
  const total = await db.auditEntry.count();
  console.log(
    `${postgres ? "PostgreSQL" : "SQLite"}: ${total.toLocaleString("en")} audit entries, ${have || Math.floor(ROWS * 0.8)} in the benchmarked organization\n`,
  );
  const maxId = (await db.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))!.id;
  await timeScenarios(scenarios(q, maxId));
  console.log("");
  await measureExports();
  await db.$disconnect();
}

/** Seeds ROWS entries in SQL once (80% in the benchmark organization); returns how many it had. */
async function seedEntries(db: Db, postgres: boolean): Promise<number> {
  const have = await db.auditEntry.count({ where: { organizationId: ORG } });
  if (have === 0) {
    console.log(`seeding ${ROWS.toLocaleString("en")} entries (80% in the benchmark organization)…`);
    const t = performance.now();
    const chunk = 100_000;
    for (let from = 1; from <= ROWS; from += chunk) {
      const to = Math.min(ROWS, from + chunk - 1);
      const actions = `'${ACTIONS.join("','")}'`;
      const body = (i: string, at: string, arr: (idx: string) => string) => `
        CASE WHEN ${i} % 10 < 8 THEN '${ORG}' WHEN ${i} % 10 = 8 THEN 'bench-org-b' ELSE NULL END,
        ${at}, CASE WHEN ${i} % 97 = 0 THEN 'api_token' ELSE 'admin' END, 'admin-' || ((${i} * 13) % 40), 'admin' || ((${i} * 13) % 40) || '@bench.test',
        ${arr(`((${i} * 7) % 12)`)}, CASE WHEN (${i} * 7) % 12 < 3 THEN 'group' WHEN (${i} * 7) % 12 < 7 THEN 'user' WHEN (${i} * 7) % 12 < 9 THEN 'invitation' ELSE 'printer' END,
        'target-' || ((${i} * 17) % 5000), 'Target ' || ((${i} * 17) % 5000) || ' of dept ' || (${i} % 23),
        '{"name":"Old ' || ${i} || '"}', '{"name":"New ' || ${i} || '"}',
        CASE WHEN (${i} * 31) % 100 < 90 THEN 'success' WHEN (${i} * 31) % 100 < 98 THEN 'failure' ELSE 'pending' END,
        CASE WHEN (${i} * 31) % 100 BETWEEN 90 AND 97 THEN 400 ELSE NULL END,
        CASE WHEN (${i} * 31) % 100 BETWEEN 90 AND 97 THEN 'quota exceeded for target ' || ((${i} * 17) % 5000) ELSE NULL END,
        '10.0.' || (${i} % 200) || '.' || (${i} % 250), 'Mozilla/5.0 bench', 'req-' || ${i}, ${at}`;
      const cols = `"organizationId","at","actorType","actorId","actorLabel","action","targetType","targetId","targetLabel","before","after","outcome","ezeepStatus","error","ip","userAgent","requestId","completedAt"`;
      if (postgres) {
        await db.$executeRawUnsafe(
          `INSERT INTO "AuditEntry" (${cols}) SELECT ${body("i", `(to_timestamp(${start} + i * ${span / ROWS}) AT TIME ZONE 'UTC')`, (x) => `(ARRAY[${actions}])[${x} + 1]`)} FROM generate_series(${from}, ${to}) AS i`,
        );
      } else {
        await db.$executeRawUnsafe(`WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s WHERE i < ${to})
          INSERT INTO "AuditEntry" (${cols}) SELECT ${body("i", `strftime('%Y-%m-%dT%H:%M:%f', ${start} + i * ${span / ROWS}, 'unixepoch') || '+00:00'`, (x) => `json_extract('[${ACTIONS.map((a) => `"${a}"`).join(",")}]', '$[' || ${x} || ']')`)} FROM s`);
      }
      process.stdout.write(`  ${to.toLocaleString("en")}\r`);
    }
    // PostgreSQL: what autovacuum would do. SQLite: no statistics, as in a fresh portal database
    // (the maintenance job's PRAGMA optimize adds them later; the queries do not depend on them).
    if (postgres) await db.$executeRawUnsafe(`VACUUM ANALYZE "AuditEntry"`);
    console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if ((await db.auditDailyCount.count()) === 0) {
    // The app keeps these counts with every append; the SQL-seeded rows need them once.
    const day = postgres ? `to_char("at", 'YYYY-MM-DD')` : `substr("at", 1, 10)`;
    await db.$executeRawUnsafe(`INSERT INTO "AuditDailyCount" ("chain", "day", "action", "outcome", "count")
      SELECT coalesce("organizationId", 'portal'), ${day}, "action", "outcome", COUNT(*) FROM "AuditEntry" GROUP BY 1, 2, 3, 4`);
  }
  return have;
}

type Scenario = [string, () => Promise<unknown>];

/** The day `offset` days after the seeded entries' first day, as YYYY-MM-DD. */
const seededDay = (offset: number) => new Date((start + offset * 86400) * 1000).toISOString().slice(0, 10);

/** A counter the scenarios share, so each run asks for another page, actor, target or date. */
class Turns {
  private k = 0;
  next(): number {
    return this.k++;
  }
  get current(): number {
    return this.k;
  }
  pick<T>(xs: T[]): T {
    return xs[this.next() % xs.length];
  }
}

function scenarios(q: Queries, maxId: number): Scenario[] {
  const turn = new Turns();
  return [...listScenarios(q, maxId, turn), ...searchAndChartScenarios(q, maxId, turn)];
}

/** The audit page's list: newest, deep page and each filter. */
function listScenarios(q: Queries, maxId: number, turn: Turns): Scenario[] {
  return [
    ["newest page (50), no filter", () => q.listAuditEntriesIn(scope, q.parseAuditQuery({}))],
    [
      "deep page (keyset cursor)",
      () =>
        q.listAuditEntriesIn(
          scope,
          q.parseAuditQuery({ before: String(1000 + ((turn.next() * 7919) % (maxId - 1000))) }),
        ),
    ],
    ["filter: action", () => q.listAuditEntriesIn(scope, q.parseAuditQuery({ action: turn.pick(ACTIONS) }))],
    [
      "filter: actor",
      () => q.listAuditEntriesIn(scope, q.parseAuditQuery({ actor: `admin-${turn.next() % 40}` })),
    ],
    [
      "filter: outcome = failure",
      () => q.listAuditEntriesIn(scope, q.parseAuditQuery({ outcome: "failure" })),
    ],
    [
      "filter: target type + id",
      () =>
        q.listAuditEntriesIn(
          scope,
          q.parseAuditQuery({
            targetType: turn.pick(["group", "user", "printer"]),
            targetId: `target-${(turn.next() * 37) % 5000}`,
          }),
        ),
    ],
    [
      "filter: source = API token",
      () => q.listAuditEntriesIn(scope, q.parseAuditQuery({ actorType: "api_token" })),
    ],
    [
      "filter: date range (one week)",
      () => {
        const d = (turn.next() * 11) % 350;
        return q.listAuditEntriesIn(scope, q.parseAuditQuery({ from: seededDay(d), to: seededDay(d + 6) }));
      },
    ],
    [
      "filter: action + outcome + date range",
      () => {
        const d = (turn.next() * 11) % 300;
        return q.listAuditEntriesIn(
          scope,
          q.parseAuditQuery({
            action: turn.pick(ACTIONS),
            outcome: "failure",
            from: seededDay(d),
            to: seededDay(d + 30),
          }),
        );
      },
    ],
  ];
}

/** Full-text search, one entry's detail and the activity chart. */
function searchAndChartScenarios(q: Queries, maxId: number, turn: Turns): Scenario[] {
  return [
    ['search: common word ("dept 7")', () => q.listAuditEntriesIn(scope, q.parseAuditQuery({ q: "dept 7" }))],
    [
      "search: rare text (one target)",
      () => q.listAuditEntriesIn(scope, q.parseAuditQuery({ q: `target ${(turn.next() * 37) % 5000} ` })),
    ],
    ["entry detail", () => q.getAuditEntry(1 + ((turn.next() * 7919) % maxId))],
    [
      "activity chart, 30 days, by action (daily counts)",
      () => {
        const d = (turn.next() * 11) % 330;
        return q.activityChart(scope, { from: seededDay(d), to: seededDay(d + 29) }, "action");
      },
    ],
    [
      "activity chart, 30 days, one actor (rows)",
      () => {
        const d = (turn.next() * 11) % 330;
        return q.activityChart(
          scope,
          { from: seededDay(d), to: seededDay(d + 29), actor: `admin-${turn.current % 40}` },
          "outcome",
        );
      },
    ],
  ];
}

/** p50 and p95 of each scenario over 40 runs, after 5 to warm up. */
async function timeScenarios(list: Scenario[]): Promise<void> {
  console.log(`${"query".padEnd(44)} ${"p50".padStart(8)} ${"p95".padStart(8)}`);
  for (const [name, fn] of list) {
    for (let i = 0; i < 5; i++) await fn(); // warm up
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    console.log(
      `${name.padEnd(44)} ${pct(times, 50).toFixed(1).padStart(6)} ms ${pct(times, 95).toFixed(1).padStart(6)} ms`,
    );
  }
}

/** Export throughput and peak memory: the stream must stay flat however many rows. */
async function measureExports(): Promise<void> {
  const { exportStream } = await import("@/lib/audit/export");
  for (const [label, format, filters] of [
    ["export CSV, whole organization", "csv", {}],
    ["export JSON, one action", "json", { action: "group.update" }],
  ] as const) {
    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t = performance.now();
    let bytes = 0;
    let rows = 0;
    const reader = exportStream(scope, filters, format, 1_000).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) rows++;
    }
    clearInterval(sampler);
    const secs = (performance.now() - t) / 1000;
    console.log(
      `${label.padEnd(34)} ${rows.toLocaleString("en").padStart(9)} rows  ${(bytes / 1e6).toFixed(0).padStart(4)} MB  ${secs.toFixed(1).padStart(5)} s  ${Math.round(
        rows / secs,
      )
        .toLocaleString("en")
        .padStart(
          7,
        )} rows/s  peak RSS ${(peak / 1e6).toFixed(0)} MB (start ${(rssBefore / 1e6).toFixed(0)} MB)`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
