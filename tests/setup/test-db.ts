// Shared by the vitest globalSetup (one migrated template database per run) and the per-file
// setup (one copy of it per test file). SQLite by default; PostgreSQL when TEST_DATABASE=postgres
// and TEST_PG_ADMIN_URL names a server we may create databases on (e.g. the throwaway cluster
// scripts/test.mjs starts: postgresql://postgres@127.0.0.1:<port>/postgres).
import pg from "pg";

export type TestDbConfig =
  | { kind: "sqlite"; dir: string; template: string }
  | { kind: "postgres"; adminUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbConfig;
  }
}

export function wantPostgres(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.TEST_DATABASE ?? "").toLowerCase().startsWith("postgres");
}

/** The URL of `database` on the server adminUrl points at. */
export function pgUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs statements (CREATE/DROP DATABASE cannot run in a transaction) on the admin connection. */
export async function pgAdmin(adminUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Database names we generate are [a-z0-9_] only; quote anyway. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
