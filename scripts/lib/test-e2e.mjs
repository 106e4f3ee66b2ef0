// Step (d) of `npm test` (scripts/test.mjs): one simulator with credentials made for this run,
// `next build` with them in its environment, Playwright on SQLite and PostgreSQL, then the scan
// proving that none of those secrets reached the browser bundles (tests/security).
import { existsSync } from "node:fs";
import path from "node:path";

import { withDatabase } from "./postgres.mjs";
import { randomId, randomSecret } from "./secrets.mjs";
import { startSimulatorProcess } from "./simulator-process.mjs";
import {
  bin,
  cleanups,
  header,
  playwrightCounts,
  postgresCluster,
  postgresInstalled,
  record,
  recordExit,
  root,
  run,
  since,
  testStep,
  tmp,
  vitestArgs,
  vitestCounts,
} from "./test-runner.mjs";

export async function e2e() {
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
  const secrets = {
    clientId: `e2e-${randomId()}`,
    clientSecret: randomSecret(),
    nextAuthSecret: randomSecret(),
  };
  const sim = await startSimulator(secrets);
  if (!sim) return;
  if (!(await build(sim, secrets))) return;

  const e2eEnv = {
    CHROMIUM_PATH: chromium,
    E2E_ACCOUNT_URL: sim.accountUrl,
    E2E_API_URL: sim.apiUrl,
    E2E_CLIENT_ID: secrets.clientId,
    E2E_CLIENT_SECRET: secrets.clientSecret,
    E2E_ORG_ID: sim.organizationId ?? "",
    E2E_NEXTAUTH_SECRET: secrets.nextAuthSecret,
    E2E_SIM_MANAGED: "",
    E2E_PORT: "",
  };
  header("(d2) Playwright on SQLite");
  await playwright("e2e (SQLite)", "sqlite", e2eEnv, `file:${path.join(tmp, "e2e-sqlite.db")}`);

  header("(d3) Playwright on PostgreSQL");
  const pgMissing =
    "PostgreSQL not found: skipping the PostgreSQL e2e run (set REQUIRE_POSTGRES=1 to fail instead)";
  if (postgresInstalled("e2e (PostgreSQL)", pgMissing)) {
    const cluster = await postgresCluster();
    if (cluster)
      await playwright(
        "e2e (PostgreSQL)",
        "postgres",
        e2eEnv,
        withDatabase(cluster.adminUrl, `e2e_${randomId()}`),
      );
  }
  await securityScan(sim, secrets);
}

/** One simulator for the whole step, with the credentials generated for this run. */
async function startSimulator({ clientId, clientSecret }) {
  const t = Date.now();
  try {
    const sim = await startSimulatorProcess({ cwd: root, seed: "demo", clientId, clientSecret });
    cleanups.push(() => sim.stop());
    console.log(`simulator: account ${sim.accountUrl}, api ${sim.apiUrl} (${since(t).toFixed(1)} s)`);
    return sim;
  } catch (err) {
    console.error(err.message);
    record("e2e: simulator", "failed", { failed: 1, seconds: since(t), note: "the simulator did not start" });
    return null;
  }
}

/** The build runs with the secrets in its environment, so the bundle scan can prove they did not end up in it. */
async function build(sim, { clientId, clientSecret, nextAuthSecret }) {
  header("(d1) next build");
  const t = Date.now();
  const code = await run(bin("next"), ["build"], {
    NODE_ENV: "production",
    DATABASE_URL: `file:${path.join(tmp, "build.db")}`,
    NEXTAUTH_URL: "http://127.0.0.1:3000",
    NEXTAUTH_SECRET: nextAuthSecret,
    EZEEP_CLIENT_ID: clientId,
    EZEEP_CLIENT_SECRET: clientSecret,
    EZEEP_ACCOUNT_URL: sim.accountUrl,
    EZEEP_API_URL: sim.apiUrl,
  });
  recordExit("next build", code, t);
  return code === 0;
}

function playwright(name, reportName, e2eEnv, databaseUrl) {
  const report = path.join(tmp, `playwright-${reportName}.json`);
  return testStep(
    name,
    bin("playwright"),
    ["test", "--reporter=list,json"],
    { ...e2eEnv, E2E_DATABASE_URL: databaseUrl, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
    playwrightCounts,
    report,
  );
}

async function securityScan(sim, { clientSecret, nextAuthSecret }) {
  header("(d4) security: no secret or token in the browser bundles (tests/security)");
  const report = path.join(tmp, "vitest-security.json");
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
