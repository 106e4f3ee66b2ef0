// vitest setupFile: runs in the worker before each test file is imported. Gives the file its own
// copy of the template database and points DATABASE_URL at it, so `@/lib/db` (which reads
// DATABASE_URL when it is first imported) talks to that copy. Dropped after the file.
import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";

import { afterAll, inject } from "vitest";

import { ident, pgAdmin, pgUrl } from "./test-db";

const config = inject("testDb");
const id = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
const globalForDb = globalThis as unknown as { __portalDb?: { $disconnect(): Promise<void> } };

// A fresh client per file, even if the worker process is reused.
delete globalForDb.__portalDb;

// Tests never talk to a real ezeep: helpers (tests/helpers/simulator.ts) set these per file.
for (const key of [
  "EZEEP_CLIENT_ID",
  "EZEEP_CLIENT_SECRET",
  "EZEEP_ACCOUNT_URL",
  "EZEEP_API_URL",
  "EZEEP_ORGANIZATION_ID",
]) {
  delete process.env[key];
}
process.env.NEXTAUTH_SECRET ??= `test-nextauth-secret-${randomBytes(16).toString("hex")}`;
process.env.NEXTAUTH_URL ??= "http://127.0.0.1:3000";
// The audit chain's HMAC key (lib/audit/link.ts), like the other secrets: one per test file.
process.env.AUDIT_CHAIN_KEY ??= randomBytes(32).toString("base64");

let cleanup: () => Promise<void> | void;
if (config.kind === "postgres") {
  const database = `t_${id}`;
  await pgAdmin(config.adminUrl, [`CREATE DATABASE ${ident(database)} TEMPLATE ${ident(config.template)}`]);
  process.env.DATABASE_URL = pgUrl(config.adminUrl, database);
  cleanup = () => pgAdmin(config.adminUrl, [`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`]);
} else {
  const file = path.join(config.dir, `t_${id}.db`);
  copyFileSync(config.template, file);
  process.env.DATABASE_URL = `file:${file}`;
  cleanup = () => {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
}

afterAll(async () => {
  try {
    await globalForDb.__portalDb?.$disconnect();
  } finally {
    delete globalForDb.__portalDb;
    await cleanup();
  }
});
