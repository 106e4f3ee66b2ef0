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
import path from "node:path";

import { e2e } from "./lib/test-e2e.mjs";
import {
  bin,
  cleanupAll,
  header,
  isInterrupted,
  postgresCluster,
  postgresInstalled,
  printSummary,
  record,
  recordExit,
  root,
  run,
  testStep,
  tmp,
  vitestArgs,
  vitestCounts,
} from "./lib/test-runner.mjs";

process.chdir(root);
const steps = (process.env.TEST_STEPS ?? "lint,typecheck,vitest,postgres,e2e")
  .split(",")
  .map((s) => s.trim());

// (a0) lint and format: ESLint (warnings fail too) and Prettier's check
async function lint() {
  header("(a0) lint: eslint --max-warnings 0, prettier --check");
  for (const [name, command, args] of [
    ["eslint", bin("eslint"), [".", "--max-warnings", "0"]],
    ["prettier --check", bin("prettier"), ["--check", ".", "--log-level", "warn"]],
  ]) {
    const t = Date.now();
    recordExit(name, await run(command, args), t);
  }
}

// (a) typecheck
async function typecheck() {
  header("(a) typecheck: tsc --noEmit");
  const t = Date.now();
  recordExit("typecheck", await run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]), t);
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

const PG_MISSING =
  "PostgreSQL not found: skipping the PostgreSQL integration run (set REQUIRE_POSTGRES=1 to fail instead)";

// (c) vitest on PostgreSQL
async function vitestPostgres() {
  header("(c) vitest on PostgreSQL: tests/integration/**");
  if (!postgresInstalled("vitest (PostgreSQL)", PG_MISSING)) return;
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

// (d) end-to-end: scripts/lib/test-e2e.mjs

// ---------------------------------------------------------------------------------------------
const plan = [
  ["lint", lint],
  ["typecheck", typecheck],
  ["vitest", vitestSqlite],
  ["postgres", vitestPostgres],
  ["e2e", e2e],
];
try {
  for (const [key, fn] of plan) {
    if (isInterrupted()) break;
    if (steps.includes(key)) await fn();
  }
} catch (err) {
  console.error(err?.stack ?? String(err));
  record("test runner", "failed", { failed: 1, note: err?.message });
} finally {
  if (!isInterrupted()) cleanupAll();
}
process.exitCode = printSummary();
