#!/usr/bin/env node
// `npm test`: everything, in order, on both databases. Plain Node ESM (no tsx needed here).
//
//   (a0) lint                eslint (no warnings allowed), prettier --check
//   (a) typecheck            tsc --noEmit
//   (b) vitest on SQLite     every tests/**/*.test.ts (unit, simulator, ezeep client, integration)
//   (c) vitest on PostgreSQL tests/integration/** against a throwaway cluster (if PostgreSQL is installed)
//   (d) end-to-end           next build, Playwright on SQLite (+ PostgreSQL), then the static
//                            secret scan of the browser bundles (tests/security)
//
// The last line is always `N passed, N failed`; the exit status is non-zero on any failure.
// Environment: REQUIRE_POSTGRES=1 / REQUIRE_E2E=1 turn "not installed, skipped" into a failure;
// CHROMIUM_PATH (default /usr/bin/chromium); TEST_STEPS=lint,typecheck,vitest,postgres,e2e to run a subset.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { findPgBinDir, startThrowawayCluster, withDatabase } from "./lib/postgres.mjs";
import { randomId, randomSecret } from "./lib/secrets.mjs";
import { startSimulatorProcess } from "./lib/simulator-process.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules/.bin", name);
const tmp = mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
const started = Date.now();
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
/** ANSI colour per step outcome: green, red, yellow. */
const STATUS_COLOURS = { passed: "32", failed: "31", skipped: "33" };
const steps = (process.env.TEST_STEPS ?? "lint,typecheck,vitest,postgres,e2e")
  .split(",")
  .map((s) => s.trim());

/** @type {{ name: string, status: "passed" | "failed" | "skipped", passed: number, failed: number, seconds: number, note?: string }[]} */
const results = [];

// ---------------------------------------------------------------------------------------------
// Cleanup, also on Ctrl-C / SIGTERM: children run in their own process group so that exactly
// one signal reaches them from us; then the PostgreSQL cluster, the simulator and temp files go.
const cleanups = [];
let current = null;
let interrupted = false;

function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      fn();
    } catch (err) {
      console.error(`cleanup: ${err.message}`);
    }
  }
  rmSync(tmp, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping${current ? " the running step" : ""} and cleaning up…`);
    const child = current;
    const finish = () => {
      cleanupAll();
      const passed = results.reduce((n, r) => n + r.passed, 0);
      const failed = results.reduce((n, r) => n + r.failed, 0) + 1; // the interrupted step
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(130);
    };
    if (!child) return finish();
    try {
      process.kill(-child.pid, signal === "SIGHUP" ? "SIGTERM" : signal);
    } catch {
      /* already gone */
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
      finish();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(killer);
      finish();
    });
  });
}

// ---------------------------------------------------------------------------------------------
function header(title) {
  const line = "═".repeat(78);
  console.log(`\n${paint("1;36", line)}\n${paint("1;36", `▶ ${title}`)}\n${paint("1;36", line)}`);
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    if (interrupted) return resolve(1);
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true, // own process group: see the signal handler above
    });
    current = child;
    child.once("error", (err) => {
      console.error(`${command}: ${err.message}`);
      current = null;
      resolve(1);
    });
    child.once("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function record(name, status, { passed = 0, failed = 0, seconds = 0, note } = {}) {
  results.push({ name, status, passed, failed, seconds, note });
  const mark = paint(STATUS_COLOURS[status], { passed: "✔", failed: "✘", skipped: "○" }[status]);
  console.log(
    `${mark} ${name}: ${status}${status !== "skipped" ? ` (${passed} passed, ${failed} failed)` : ""} in ${seconds.toFixed(1)} s${note ? ` — ${note}` : ""}`,
  );
}

const since = (t) => (Date.now() - t) / 1000;

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** vitest's json reporter (jest-compatible): counts tests; a file that failed to load counts as 1. */
function vitestCounts(file) {
  const report = readJson(file);
  if (!report || typeof report.numPassedTests !== "number") return null;
  let failed = report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    const failedInside = (suite.assertionResults ?? []).some((a) => a.status === "failed");
    if (suite.status === "failed" && !failedInside) failed++;
  }
  return { passed: report.numPassedTests, failed };
}

/** Playwright's json reporter: expected (+flaky) passed, unexpected failed, global errors count 1 each. */
function playwrightCounts(file) {
  const report = readJson(file);
  if (!report?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  return { passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0) };
}

/** Runs one test command and records it; a non-zero exit without a counted failure counts as 1. */
async function testStep(name, command, args, env, counter, reportFile) {
  const t = Date.now();
  const code = await run(command, args, env);
  const counts = counter(reportFile) ?? { passed: 0, failed: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  record(name, code === 0 && counts.failed === 0 ? "passed" : "failed", { ...counts, seconds: since(t) });
  return code === 0 && counts.failed === 0;
}

const vitestArgs = (reportFile, extra) => [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${reportFile}`,
  ...extra,
];

// ---------------------------------------------------------------------------------------------
// (a0) lint and format: ESLint (warnings fail too) and Prettier's check
async function lint() {
  header("(a0) lint: eslint --max-warnings 0, prettier --check");
  for (const [name, command, args] of [
    ["eslint", bin("eslint"), [".", "--max-warnings", "0"]],
    ["prettier --check", bin("prettier"), ["--check", ".", "--log-level", "warn"]],
  ]) {
    const t = Date.now();
    const code = await run(command, args);
    record(name, code === 0 ? "passed" : "failed", {
      passed: code === 0 ? 1 : 0,
      failed: code === 0 ? 0 : 1,
      seconds: since(t),
    });
  }
}

// (a) typecheck
async function typecheck() {
  header("(a) typecheck: tsc --noEmit");
  const t = Date.now();
  const code = await run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  record("typecheck", code === 0 ? "passed" : "failed", {
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    seconds: since(t),
  });
}

// (b) vitest on SQLite
async function vitestSqlite() {
  header("(b) vitest on SQLite: all tests (tests/security runs after the build, in step d)");
  const report = path.join(tmp, "vitest-sqlite.json");
  await testStep(
    "vitest (SQLite)",
    bin("vitest"),
    vitestArgs(report, ["--exclude", "tests/security/**"]),
    { TEST_DATABASE: "sqlite" },
    vitestCounts,
    report,
  );
}

// PostgreSQL cluster, shared by (c) and the PostgreSQL e2e run
let pg = null;
let pgChecked = false;
async function postgresCluster() {
  if (pgChecked) return pg;
  pgChecked = true;
  const binDir = findPgBinDir();
  if (!binDir) return null;
  const t = Date.now();
  try {
    pg = await startThrowawayCluster({ binDir, log: (l) => console.log(l) });
    cleanups.push(() => pg.stop());
    console.log(`throwaway cluster ready in ${since(t).toFixed(1)} s`);
  } catch (err) {
    console.error(err.message);
    record("PostgreSQL cluster", "failed", {
      failed: 1,
      seconds: since(t),
      note: "could not start a throwaway cluster",
    });
    pg = null;
  }
  return pg;
}

const PG_MISSING =
  "PostgreSQL not found: skipping the PostgreSQL integration run (set REQUIRE_POSTGRES=1 to fail instead)";

// (c) vitest on PostgreSQL
async function vitestPostgres() {
  header("(c) vitest on PostgreSQL: tests/integration/**");
  if (!findPgBinDir()) {
    console.log(PG_MISSING);
    if (process.env.REQUIRE_POSTGRES === "1")
      record("vitest (PostgreSQL)", "failed", {
        failed: 1,
        note: "PostgreSQL not found and REQUIRE_POSTGRES=1",
      });
    else record("vitest (PostgreSQL)", "skipped", { note: "PostgreSQL not found" });
    return;
  }
  const cluster = await postgresCluster();
  if (!cluster) return;
  const report = path.join(tmp, "vitest-postgres.json");
  await testStep(
    "vitest (PostgreSQL)",
    bin("vitest"),
    vitestArgs(report, ["tests/integration"]),
    { TEST_DATABASE: "postgres", TEST_PG_ADMIN_URL: cluster.adminUrl },
    vitestCounts,
    report,
  );
}

// (d) e2e
async function e2e() {
  header("(d) end-to-end: next build, Playwright (SQLite, PostgreSQL), secret scan of the build");
  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    const msg = `Chromium not found at ${chromium}: skipping the end-to-end tests (set CHROMIUM_PATH, or REQUIRE_E2E=1 to fail instead)`;
    console.log(msg);
    if (process.env.REQUIRE_E2E === "1")
      record("e2e", "failed", { failed: 1, note: "Chromium not found and REQUIRE_E2E=1" });
    else record("e2e", "skipped", { note: "Chromium not found" });
    return;
  }

  // One simulator for the whole step, with credentials generated for this run. The build runs
  // with them in its environment, so the bundle scan can prove they did not end up in it.
  const clientId = `e2e-${randomId()}`;
  const clientSecret = randomSecret();
  const nextAuthSecret = randomSecret();
  let t = Date.now();
  let sim;
  try {
    sim = await startSimulatorProcess({ cwd: root, seed: "demo", clientId, clientSecret });
    cleanups.push(() => sim.stop());
    console.log(`simulator: account ${sim.accountUrl}, api ${sim.apiUrl} (${since(t).toFixed(1)} s)`);
  } catch (err) {
    console.error(err.message);
    record("e2e: simulator", "failed", { failed: 1, seconds: since(t), note: "the simulator did not start" });
    return;
  }

  header("(d1) next build");
  t = Date.now();
  const buildCode = await run(bin("next"), ["build"], {
    NODE_ENV: "production",
    DATABASE_URL: `file:${path.join(tmp, "build.db")}`,
    NEXTAUTH_URL: "http://127.0.0.1:3000",
    NEXTAUTH_SECRET: nextAuthSecret,
    EZEEP_CLIENT_ID: clientId,
    EZEEP_CLIENT_SECRET: clientSecret,
    EZEEP_ACCOUNT_URL: sim.accountUrl,
    EZEEP_API_URL: sim.apiUrl,
  });
  record("next build", buildCode === 0 ? "passed" : "failed", {
    passed: buildCode === 0 ? 1 : 0,
    failed: buildCode === 0 ? 0 : 1,
    seconds: since(t),
  });
  if (buildCode !== 0) return;

  const e2eEnv = {
    CHROMIUM_PATH: chromium,
    E2E_ACCOUNT_URL: sim.accountUrl,
    E2E_API_URL: sim.apiUrl,
    E2E_CLIENT_ID: clientId,
    E2E_CLIENT_SECRET: clientSecret,
    E2E_ORG_ID: sim.organizationId ?? "",
    E2E_NEXTAUTH_SECRET: nextAuthSecret,
    E2E_SIM_MANAGED: "",
    E2E_PORT: "",
  };

  header("(d2) Playwright on SQLite");
  let report = path.join(tmp, "playwright-sqlite.json");
  await testStep(
    "e2e (SQLite)",
    bin("playwright"),
    ["test", "--reporter=list,json"],
    {
      ...e2eEnv,
      E2E_DATABASE_URL: `file:${path.join(tmp, "e2e-sqlite.db")}`,
      PLAYWRIGHT_JSON_OUTPUT_FILE: report,
    },
    playwrightCounts,
    report,
  );

  header("(d3) Playwright on PostgreSQL");
  if (!findPgBinDir()) {
    console.log(
      "PostgreSQL not found: skipping the PostgreSQL e2e run (set REQUIRE_POSTGRES=1 to fail instead)",
    );
    if (process.env.REQUIRE_POSTGRES === "1")
      record("e2e (PostgreSQL)", "failed", {
        failed: 1,
        note: "PostgreSQL not found and REQUIRE_POSTGRES=1",
      });
    else record("e2e (PostgreSQL)", "skipped", { note: "PostgreSQL not found" });
  } else {
    const cluster = await postgresCluster();
    if (cluster) {
      report = path.join(tmp, "playwright-postgres.json");
      await testStep(
        "e2e (PostgreSQL)",
        bin("playwright"),
        ["test", "--reporter=list,json"],
        {
          ...e2eEnv,
          E2E_DATABASE_URL: withDatabase(cluster.adminUrl, `e2e_${randomId()}`),
          PLAYWRIGHT_JSON_OUTPUT_FILE: report,
        },
        playwrightCounts,
        report,
      );
    }
  }

  header("(d4) security: no secret or token in the browser bundles (tests/security)");
  report = path.join(tmp, "vitest-security.json");
  await testStep(
    "security scan of .next/static",
    bin("vitest"),
    vitestArgs(report, ["tests/security"]),
    {
      E2E_ACCOUNT_URL: sim.accountUrl,
      E2E_CLIENT_SECRET: clientSecret,
      E2E_NEXTAUTH_SECRET: nextAuthSecret,
      BUILD_NEXTAUTH_SECRET: nextAuthSecret,
      SECURITY_REQUIRE_SECRETS: "1",
    },
    vitestCounts,
    report,
  );
}

// ---------------------------------------------------------------------------------------------
const plan = [
  ["lint", lint],
  ["typecheck", typecheck],
  ["vitest", vitestSqlite],
  ["postgres", vitestPostgres],
  ["e2e", e2e],
];
let exitCode = 0;
try {
  for (const [key, fn] of plan) {
    if (interrupted) break;
    if (steps.includes(key)) await fn();
  }
} catch (err) {
  console.error(err?.stack ?? String(err));
  record("test runner", "failed", { failed: 1, note: err?.message });
} finally {
  if (!interrupted) cleanupAll();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
header(`Summary (${since(started).toFixed(0)} s)`);
for (const r of results) {
  const status = paint(
    STATUS_COLOURS[r.status],
    { passed: "passed ", failed: "FAILED ", skipped: "skipped" }[r.status],
  );
  console.log(
    `  ${status}  ${r.name.padEnd(32)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed ${r.seconds.toFixed(1).padStart(7)} s${r.note ? `  ${r.note}` : ""}`,
  );
}
if (failed > 0 || results.some((r) => r.status === "failed")) exitCode = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = exitCode;
