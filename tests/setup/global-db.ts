// vitest globalSetup: migrates ONE template database per run and hands its location to the
// per-file setup (tests/setup/db-per-file.ts) through vitest's provide/inject.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { migrateDatabase } from "@/lib/db-migrate";

import { ident, pgAdmin, pgUrl, wantPostgres, type TestDbConfig } from "./test-db";

function migrate(url: string) {
  try {
    migrateDatabase(url);
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `migrating the test template database failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`,
    );
  }
}

export default async function setup(project: TestProject) {
  const id = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

  if (wantPostgres()) {
    const adminUrl = process.env.TEST_PG_ADMIN_URL;
    if (!adminUrl) {
      throw new Error(
        "TEST_DATABASE=postgres needs TEST_PG_ADMIN_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres); " +
          "`npm test` starts a throwaway cluster and sets both.",
      );
    }
    const template = `tmpl_${id}`;
    await pgAdmin(adminUrl, [`CREATE DATABASE ${ident(template)}`]);
    try {
      migrate(pgUrl(adminUrl, template));
    } catch (err) {
      await pgAdmin(adminUrl, [`DROP DATABASE IF EXISTS ${ident(template)} WITH (FORCE)`]);
      throw err;
    }
    project.provide("testDb", { kind: "postgres", adminUrl, template } satisfies TestDbConfig);
    return async () => {
      await pgAdmin(adminUrl, [`DROP DATABASE IF EXISTS ${ident(template)} WITH (FORCE)`]);
    };
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-vitest-"));
  const template = path.join(dir, "template.db");
  try {
    migrate(`file:${template}`);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide("testDb", { kind: "sqlite", dir, template } satisfies TestDbConfig);
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
