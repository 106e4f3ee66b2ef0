// End-to-end tests: `next start` (after `next build`) against the ezeep simulator, driven by
// Debian's Chromium (never a Playwright browser download: PLAYWRIGHT_CHROMIUM or /usr/bin/chromium).
//
// Standalone:  npx next build && npx playwright test
// `npm test` runs it twice (SQLite, then PostgreSQL) with an already running simulator.
//
// Environment (all optional):
//   E2E_DATABASE_URL   database for the portal (default: a fresh SQLite file in a temp dir);
//                      postgresql://… databases are created if missing, then migrated.
//   E2E_ACCOUNT_URL, E2E_API_URL, E2E_CLIENT_ID, E2E_CLIENT_SECRET
//                      an already running simulator (else this config starts one on free ports).
//   E2E_PORT           port for `next start` (default: a free port).
//   CHROMIUM_PATH      browser binary (default /usr/bin/chromium).
//
// The config is evaluated by the runner and again by each worker: values chosen here are stored
// in process.env so that the workers (which inherit the runner's env) see the same ones.
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "@playwright/test";

import { freePortSync } from "./scripts/lib/ports.mjs";
import { randomSecret } from "./scripts/lib/secrets.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;

const chromiumPath = env.CHROMIUM_PATH || "/usr/bin/chromium";

env.E2E_PORT ||= String(freePortSync());
const port = Number(env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
env.E2E_BASE_URL = baseURL;

if (!env.E2E_DATABASE_URL) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  env.E2E_TMP_DIR = dir; // removed by the global setup's teardown
  env.E2E_DATABASE_URL = `file:${path.join(dir, "e2e.db")}`;
}
env.E2E_NEXTAUTH_SECRET ||= randomSecret();
// 32 random bytes (base64) for the encrypted OAuth state and refresh tokens.
env.E2E_ENCRYPTION_KEY ||= Buffer.from(randomSecret(32), "base64url").subarray(0, 32).toString("base64");
// The audit chain's HMAC key (lib/audit/link.ts); the global setup's audited writes use it too.
env.E2E_AUDIT_CHAIN_KEY ||= Buffer.from(randomSecret(32), "base64url").subarray(0, 32).toString("base64");

// Start our own simulator unless one was handed to us.
if (!env.E2E_ACCOUNT_URL || env.E2E_SIM_MANAGED === "1") {
  env.E2E_SIM_MANAGED = "1";
  env.E2E_SIM_ACCOUNT_PORT ||= String(freePortSync());
  env.E2E_SIM_API_PORT ||= String(freePortSync());
  env.E2E_CLIENT_ID ||= `e2e-${randomSecret(6)}`;
  env.E2E_CLIENT_SECRET ||= randomSecret();
  env.E2E_ACCOUNT_URL = `http://127.0.0.1:${env.E2E_SIM_ACCOUNT_PORT}`;
  env.E2E_API_URL = `http://127.0.0.1:${env.E2E_SIM_API_PORT}`;
}
if (!env.E2E_API_URL || !env.E2E_CLIENT_ID || !env.E2E_CLIENT_SECRET) {
  throw new Error(
    "E2E_ACCOUNT_URL is set, so E2E_API_URL, E2E_CLIENT_ID and E2E_CLIENT_SECRET must be set too",
  );
}

if (!existsSync(path.join(root, env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
  throw new Error(
    "No production build: run `NEXT_TELEMETRY_DISABLED=1 npx next build` before `npx playwright test` (npm test does both).",
  );
}

const simulatorServer =
  env.E2E_SIM_MANAGED === "1"
    ? [
        {
          command: [
            "node --import tsx lib/ezeep-simulator/cli.ts --seed demo",
            `--account-port ${env.E2E_SIM_ACCOUNT_PORT} --api-port ${env.E2E_SIM_API_PORT}`,
            `--client-id ${env.E2E_CLIENT_ID} --client-secret ${env.E2E_CLIENT_SECRET}`,
          ].join(" "),
          url: `${env.E2E_ACCOUNT_URL}/__sim/stats`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: "ignore" as const,
          stderr: "pipe" as const,
        },
      ]
    : [];

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    baseURL,
    browserName: "chromium",
    // English unless a spec asks for another language (the portal follows Accept-Language).
    locale: "en-US",
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Web servers start before the global setup (which migrates the database and seeds admins):
  // the readiness URL /api/auth/csrf does not touch the database.
  webServer: [
    ...simulatorServer,
    {
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${port}`,
      url: `${baseURL}/api/auth/csrf`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        DATABASE_URL: env.E2E_DATABASE_URL,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: env.E2E_NEXTAUTH_SECRET,
        EZEEP_CLIENT_ID: env.E2E_CLIENT_ID,
        EZEEP_CLIENT_SECRET: env.E2E_CLIENT_SECRET,
        EZEEP_ACCOUNT_URL: env.E2E_ACCOUNT_URL,
        EZEEP_API_URL: env.E2E_API_URL,
        // Never inherit a real organization from the developer's shell.
        EZEEP_ORGANIZATION_ID: env.E2E_ORG_ID ?? "",
        EZEEP_TIMEOUT_MS: "10000",
        PORTAL_SIMULATOR_CONTROL: env.E2E_ACCOUNT_URL,
        PORTAL_ENCRYPTION_KEY: env.E2E_ENCRYPTION_KEY,
        AUDIT_CHAIN_KEY: env.E2E_AUDIT_CHAIN_KEY,
        // The invitation follow-up runs every 3 s here, so e2e can see it work without a click.
        INVITATION_SYNC_INTERVAL_MS: "3000",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
