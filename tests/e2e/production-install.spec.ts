// The README's production install, run as written on fresh databases against the simulator:
//  1. scripted: npm run db:migrate → npm run org:register → npm run admin:create → npm run start,
//     then the owner signs in;
//  2. first-run page: npm run db:migrate → npm run start, the setup code from the server log,
//     /setup creates the owner and registers the organization, /setup is gone afterwards;
//  3. a missing NEXTAUTH_SECRET refuses to start, naming the variable.
// Uses the production build that `npx playwright test` requires anyway.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { freePortSync } from "../../scripts/lib/ports.mjs";
import { randomSecret } from "../../scripts/lib/secrets.mjs";
import { e2eEnv } from "./fixtures";

const PASSWORD = "prod-Install-Password-1";

function productionEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  const e = e2eEnv();
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  return {
    ...inherited,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: randomSecret(32),
    PORTAL_ENCRYPTION_KEY: Buffer.from(randomSecret(32), "base64url").subarray(0, 32).toString("base64"),
    EZEEP_CLIENT_ID: e.clientId,
    EZEEP_CLIENT_SECRET: e.clientSecret,
    EZEEP_ACCOUNT_URL: e.accountUrl,
    EZEEP_API_URL: e.apiUrl,
    EZEEP_ORGANIZATION_ID: "",
    PORTAL_JOBS: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  } as unknown as NodeJS.ProcessEnv;
}

function npm(args: string[], env: NodeJS.ProcessEnv): string {
  const run = spawnSync("npm", ["run", "--silent", ...args], { env, encoding: "utf8", timeout: 120_000 });
  expect(run.status, `npm run ${args.join(" ")}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

interface Server {
  child: ChildProcess;
  output: () => string;
}

async function start(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const child = spawn("npm", ["run", "--silent", "start", "--", "-p", String(port)], { env, detached: true });
  let output = "";
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) return `exited: ${output}`;
        return fetch(`http://127.0.0.1:${port}/api/health/live`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 60_000 },
    )
    .toBe(200);
  return { child, output: () => output };
}

function stop(server: Server | null) {
  if (server?.child.pid && server.child.exitCode === null) process.kill(-server.child.pid, "SIGTERM");
}

async function signInAt(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
}

test.describe("production install", () => {
  let dir = "";
  let server: Server | null = null;
  test.beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "portal-prod-"));
  });
  test.afterEach(() => {
    stop(server);
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });

  test("scripted: db:migrate, org:register, admin:create, start, sign in", async ({ page }) => {
    test.setTimeout(180_000);
    const port = freePortSync();
    const env = productionEnv(`file:${path.join(dir, "portal.db")}`, port);
    expect(npm(["db:migrate"], env)).toContain("Database is up to date");
    expect(npm(["org:register"], env)).toContain(`registered: ${e2eEnv().orgName}`);
    expect(npm(["org:register"], env)).toContain("up to date"); // idempotent
    npm(
      [
        "admin:create",
        "--",
        "--email",
        "ops@prod.test",
        "--name",
        "Ops Owner",
        "--role",
        "owner",
        "--password",
        PASSWORD,
      ],
      env,
    );
    server = await start(env, port);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/setup`)).status).toBe(404);
    await signInAt(page, base, "ops@prod.test", PASSWORD);
    await expect(page.getByText("Ops Owner").first()).toBeVisible();
    const readiness = await (await fetch(`${base}/api/health/ready`)).json();
    expect(readiness).toMatchObject({ status: "ready", database: "ok", setup: "done" });
  });

  test("first-run page: setup code from the log, owner and organization, then gone", async ({ page }) => {
    test.setTimeout(180_000);
    const port = freePortSync();
    const env = productionEnv(`file:${path.join(dir, "portal.db")}`, port);
    npm(["db:migrate"], env);
    server = await start(env, port);
    const base = `http://127.0.0.1:${port}`;
    const codeIn = (text: string) => /setup code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)?.[1] ?? "";
    await expect.poll(() => codeIn(server!.output())).not.toBe("");
    const code = codeIn(server.output());

    await page.goto(base);
    await expect(page).toHaveURL((url) => url.pathname === "/setup");
    await page.getByLabel("Setup code").fill("WRON-GCOD-E234");
    await page.getByLabel("Name").fill("Setup Owner");
    await page.getByLabel("Email").fill("setup@prod.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create owner and finish setup" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /setup code is not valid/ })).toBeVisible();

    await page.getByLabel("Setup code").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Create owner and finish setup" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 20_000 });
    await expect(page.getByText("Setup Owner").first()).toBeVisible();
    expect((await fetch(`${base}/setup`)).status).toBe(404);
    // the log carries the code, never the secrets
    expect(server.output()).not.toContain(env.NEXTAUTH_SECRET!);
    expect(server.output()).not.toContain(env.EZEEP_CLIENT_SECRET!);
  });

  test("a missing NEXTAUTH_SECRET refuses to start and names the variable", async () => {
    const port = freePortSync();
    const env = productionEnv(`file:${path.join(dir, "portal.db")}`, port);
    delete env.NEXTAUTH_SECRET;
    const run = spawnSync("npm", ["run", "--silent", "start", "--", "-p", String(port)], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("NEXTAUTH_SECRET is not set");
    expect(run.stderr).toContain("openssl rand -base64 32");
  });
});
