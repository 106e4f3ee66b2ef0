// The machinery of `npm test` (scripts/test.mjs): running a command in its own process group,
// recording each step's counts from the reporters' JSON, cleaning up on exit and on signals, the
// shared throwaway PostgreSQL cluster, and the summary.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { findPgBinDir, startThrowawayCluster } from "./postgres.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const bin = (name) => path.join(root, "node_modules/.bin", name);
export const tmp = mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
const started = Date.now();
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
/** ANSI colour per step outcome: green, red, yellow. */
const STATUS_COLOURS = { passed: "32", failed: "31", skipped: "33" };

/** @type {{ name: string, status: "passed" | "failed" | "skipped", passed: number, failed: number, seconds: number, note?: string }[]} */
const results = [];

// ---------------------------------------------------------------------------------------------
// Cleanup, also on Ctrl-C / SIGTERM: children run in their own process group so that exactly
// one signal reaches them from us; then the PostgreSQL cluster, the simulator and temp files go.
export const cleanups = [];
let current = null;
let interrupted = false;

export function cleanupAll() {
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

/** True once a signal asked the run to stop. */
export const isInterrupted = () => interrupted;

// ---------------------------------------------------------------------------------------------
export function header(title) {
  const line = "═".repeat(78);
  console.log(`\n${paint("1;36", line)}\n${paint("1;36", `▶ ${title}`)}\n${paint("1;36", line)}`);
}

export function run(command, args, env = {}) {
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

export function record(name, status, { passed = 0, failed = 0, seconds = 0, note } = {}) {
  results.push({ name, status, passed, failed, seconds, note });
  const mark = paint(STATUS_COLOURS[status], { passed: "✔", failed: "✘", skipped: "○" }[status]);
  console.log(
    `${mark} ${name}: ${status}${status !== "skipped" ? ` (${passed} passed, ${failed} failed)` : ""} in ${seconds.toFixed(1)} s${note ? ` — ${note}` : ""}`,
  );
}

export const since = (t) => (Date.now() - t) / 1000;

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** vitest's json reporter (jest-compatible): counts tests; a file that failed to load counts as 1. */
export function vitestCounts(file) {
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
export function playwrightCounts(file) {
  const report = readJson(file);
  if (!report?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  return { passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0) };
}

/** Runs one test command and records it; a non-zero exit without a counted failure counts as 1. */
export async function testStep(name, command, args, env, counter, reportFile) {
  const t = Date.now();
  const code = await run(command, args, env);
  const counts = counter(reportFile) ?? { passed: 0, failed: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  record(name, code === 0 && counts.failed === 0 ? "passed" : "failed", { ...counts, seconds: since(t) });
  return code === 0 && counts.failed === 0;
}

export const vitestArgs = (reportFile, extra) => [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${reportFile}`,
  ...extra,
];

// PostgreSQL cluster, shared by (c) and the PostgreSQL e2e run
let pg = null;
let pgChecked = false;
export async function postgresCluster() {
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

/** A step that runs one command and counts as one test: passed when it exits 0. */
export function recordExit(name, code, startedAt) {
  const ok = code === 0;
  record(name, ok ? "passed" : "failed", {
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    seconds: since(startedAt),
  });
}

/**
 * Whether PostgreSQL is installed; when not, the step is recorded as skipped (or failed with
 * REQUIRE_POSTGRES=1) with `message`.
 */
export function postgresInstalled(stepName, message) {
  if (findPgBinDir()) return true;
  console.log(message);
  if (process.env.REQUIRE_POSTGRES === "1")
    record(stepName, "failed", { failed: 1, note: "PostgreSQL not found and REQUIRE_POSTGRES=1" });
  else record(stepName, "skipped", { note: "PostgreSQL not found" });
  return false;
}

/** Prints every step's result and the last line `N passed, N failed`; returns the exit code. */
export function printSummary() {
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
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || results.some((r) => r.status === "failed") ? 1 : 0;
}
