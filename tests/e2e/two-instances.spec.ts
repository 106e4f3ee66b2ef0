// Two portal instances on one PostgreSQL database behind one address (a round-robin proxy on
// loopback, as a load balancer would be): a change made through one instance shows in the other
// at once (the shared users directory), and background jobs run once per interval across both
// (JobRun claims). PostgreSQL only: SQLite is for a single instance.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";

import { expect, test, type Page } from "@playwright/test";
import pg from "pg";

import { freePort } from "../../scripts/lib/ports.mjs";
import { E2E_ADMINS, E2E_PASSWORD, e2eEnv } from "./fixtures";

const databaseUrl = process.env.E2E_DATABASE_URL ?? "";
const DIRECTORY_INTERVAL_MS = 2_000;

test.skip(!/^postgres(ql)?:\/\//.test(databaseUrl), "two instances share a PostgreSQL database");
test.describe.configure({ mode: "serial" });

const servers: ChildProcess[] = [];
/** Every line both instances printed (each job run logs one). */
const logs: string[] = [];
let proxy: http.Server | undefined;
let instanceA = "";
let instanceB = "";
let front = "";

async function startInstance(name: string, port: number, publicUrl: string): Promise<string> {
  const env = e2eEnv();
  const child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: publicUrl,
      NEXTAUTH_SECRET: env.nextAuthSecret,
      EZEEP_CLIENT_ID: env.clientId,
      EZEEP_CLIENT_SECRET: env.clientSecret,
      EZEEP_ACCOUNT_URL: env.accountUrl,
      EZEEP_API_URL: env.apiUrl,
      EZEEP_ORGANIZATION_ID: "",
      PORTAL_ENCRYPTION_KEY: process.env.E2E_ENCRYPTION_KEY,
      PORTAL_INSTANCE_NAME: name,
      USERS_DIRECTORY_REFRESH_SECONDS: String(DIRECTORY_INTERVAL_MS / 1000),
      JOB_POLL_MS: "200",
      JOB_HEARTBEAT_MS: "500",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  servers.push(child);
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    logs.push(...lines);
  });
  child.stderr!.resume();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/auth/csrf`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance ${name} did not start`);
}

/** Sends each request to the next instance in turn. */
function roundRobin(targets: string[]): Promise<http.Server> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const [portA, portB] = [await freePort(), await freePort()];
  proxy = await roundRobin([`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`]);
  front = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  [instanceA, instanceB] = await Promise.all([
    startInstance("two-a", portA, front),
    startInstance("two-b", portB, front),
  ]);
});

test.afterAll(async () => {
  for (const child of servers) child.kill("SIGTERM");
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
});

async function signInThroughFront(page: Page) {
  await page.goto(`${front}/signin`);
  await page.getByLabel("Email").fill(E2E_ADMINS.owner.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

test("a membership added through one instance shows in the other at once", async ({ page }) => {
  await signInThroughFront(page); // one session cookie, valid on both (same secret, same host)
  const [user] = await query<{ id: string; data: string }>(
    `SELECT id, data FROM "DirectoryEntry" WHERE kind = 'user' AND data LIKE '%"printing":true%' LIMIT 1`,
  ).then(async (rows) => {
    if (rows.length) return rows;
    await page.goto(`${instanceA}/users`); // the first view builds the shared directory
    return query<{ id: string; data: string }>(
      `SELECT id, data FROM "DirectoryEntry" WHERE kind = 'user' AND data LIKE '%"printing":true%' LIMIT 1`,
    );
  });
  const row = JSON.parse(user.data) as { id: string; email: string; name: string; groupIds: string[] };
  const groups = await query<{ id: string; data: string }>(
    `SELECT id, data FROM "DirectoryEntry" WHERE kind = 'group' AND data IS NOT NULL`,
  );
  const group = groups
    .map((g) => JSON.parse(g.data) as { id: string; name: string; azure: boolean })
    .find((g) => !row.groupIds.includes(g.id) && !g.azure)!;

  await page.goto(`${instanceB}/groups/${group.id}/members`);
  await expect(page.getByTestId("member-row").filter({ hasText: row.email })).toHaveCount(0);

  await page.goto(`${instanceA}/users/${row.id}`);
  await page.getByRole("button", { name: "Add to groups" }).click();
  const picker = page.getByTestId("add-to-groups");
  await picker.getByPlaceholder("Filter groups").fill(group.name);
  await picker.getByLabel(group.name).check();
  await picker.getByRole("button", { name: "Add to group" }).click();
  await expect(page.getByTestId("user-groups").getByRole("link", { name: group.name })).toBeVisible();

  // Instance B, without a refresh and long before its directory job would run again.
  await page.goto(`${instanceB}/groups/${group.id}/members`);
  await expect(page.getByTestId("member-row").filter({ hasText: row.email })).toHaveCount(1);
});

test("background jobs run once per interval across both instances", async () => {
  const since = new Date();
  const runs = async () =>
    query<{ dueAt: Date; holder: string; outcome: string }>(
      `SELECT "dueAt", holder, outcome FROM "JobRun"
        WHERE job = 'users-directory' AND trigger = 'scheduled' AND "dueAt" >= $1 AND holder LIKE 'two-%'
        ORDER BY "dueAt"`,
      [since],
    );
  await expect.poll(async () => (await runs()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  const done = (await runs()).filter((r) => r.outcome !== "running");
  const slots = done.map((r) => r.dueAt.getTime());
  // One run per slot, and no more runs than slots in the span: with each instance running its
  // own timer (the old behaviour) there would be about twice as many.
  expect(new Set(slots).size).toBe(done.length);
  expect(done.length).toBeLessThanOrEqual((slots[slots.length - 1] - slots[0]) / DIRECTORY_INTERVAL_MS + 1);
  expect(slots.every((t) => t % DIRECTORY_INTERVAL_MS === 0)).toBe(true);
  expect(done.every((r) => r.outcome === "success")).toBe(true);
  // What actually ran, from the instances' own log lines: each slot once, on one instance.
  const ran = logs
    .map((line) => /\[jobs\] users-directory \w+ in \d+ ms \(scheduled, slot (\S+), (two-[ab])/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && new Date(m[1]) >= since);
  expect(ran.length).toBeGreaterThanOrEqual(done.length);
  expect(new Set(ran.map((m) => m[1])).size).toBe(ran.length);
});
