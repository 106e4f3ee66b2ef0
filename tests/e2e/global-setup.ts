// Playwright global setup: runs once in the runner, after the web servers (simulator, next start)
// are up and before any test. Migrates the e2e database, resets the simulator to its demo seed,
// registers the simulator's organization and seeds one admin per role (tests/e2e/fixtures.ts).
// Values stored in process.env here reach the test workers.
// First: the portal modules imported below are server-only (see the hook file).
import "./server-only-hook";

import { rmSync } from "node:fs";

import pg from "pg";

import { E2E_ADMINS, E2E_PASSWORD } from "./fixtures";

async function ensurePgDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

async function sim(path: string, init?: { method?: string; body?: unknown }) {
  const res = await fetch(`${process.env.E2E_ACCOUNT_URL}${path}`, {
    method: init?.method ?? (init?.body ? "POST" : "GET"),
    headers: init?.body ? { "content-type": "application/json" } : undefined,
    body: init?.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`simulator ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<unknown>;
}

/** The organization the e2e client acts for (the token's `org` claim) and its name. */
async function discoverOrganization(): Promise<{ ezeepId: string; name: string }> {
  const { E2E_ACCOUNT_URL, E2E_CLIENT_ID, E2E_CLIENT_SECRET } = process.env;
  const basic = Buffer.from(`${E2E_CLIENT_ID}:${E2E_CLIENT_SECRET}`).toString("base64");
  const tokenRes = await fetch(`${E2E_ACCOUNT_URL}/oauth/access_token/`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: "printing" }),
  });
  if (!tokenRes.ok)
    throw new Error(`simulator token request failed: HTTP ${tokenRes.status} ${await tokenRes.text()}`);
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const claims = JSON.parse(Buffer.from(access_token.split(".")[1], "base64url").toString("utf8")) as {
    org: string;
  };
  const orgsRes = await fetch(`${E2E_ACCOUNT_URL}/v1/organizations/`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  let name = `Organization ${claims.org}`;
  if (orgsRes.ok) {
    const body = (await orgsRes.json()) as { results?: { id: string; name: string }[] };
    name = body.results?.find((o) => o.id === claims.org)?.name ?? name;
  }
  return { ezeepId: claims.org, name };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set (playwright.config.ts sets it)");
  process.env.DATABASE_URL = url;
  // Creating admins is audited: the same chain key as the portal under test.
  process.env.AUDIT_CHAIN_KEY = process.env.E2E_AUDIT_CHAIN_KEY;
  process.env.PORTAL_ENCRYPTION_KEY = process.env.E2E_ENCRYPTION_KEY;

  const { isPostgresUrl } = await import("@/lib/db");
  if (isPostgresUrl(url)) await ensurePgDatabase(url);
  const { migrateDatabase } = await import("@/lib/db-migrate");
  try {
    migrateDatabase(url);
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`migrating the e2e database failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }

  // Each run (SQLite, then PostgreSQL) starts from the same simulator state.
  await sim("/__sim/reset", { body: { seed: "demo" } });
  await sim("/__sim/faults", { method: "DELETE" });
  await sim("/__sim/latency", { body: { ms: 0 } });

  const org = await discoverOrganization();
  const { ensureOrganization } = await import("@/lib/organizations/service");
  const { createAdmin } = await import("@/lib/admins/service");
  const organization = await ensureOrganization({ ezeepId: org.ezeepId, name: org.name });
  for (const a of Object.values(E2E_ADMINS)) {
    await createAdmin({
      email: a.email,
      name: a.name,
      password: E2E_PASSWORD,
      roles: [{ organizationId: organization.id, role: a.role }],
    });
  }
  process.env.E2E_ORG_ID = org.ezeepId;
  process.env.E2E_ORG_NAME = org.name;
  process.env.E2E_PORTAL_ORG_ID = organization.id;

  return async () => {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    if (process.env.E2E_TMP_DIR) rmSync(process.env.E2E_TMP_DIR, { recursive: true, force: true });
  };
}
