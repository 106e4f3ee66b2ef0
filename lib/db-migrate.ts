// Applies the migrations of the provider DATABASE_URL names (used by the demo, tests and scripts).
// SQLite: a running portal may hold the write lock for a moment (a job, an audit append); the
// migration then waits for it instead of failing with Prisma's opaque "WASM_ERROR: unknown variant
// `SocketTimeout`", and says which process to stop when the lock never comes free.
import "server-only";

import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { isPostgresUrl } from "@/lib/db";
import { rawEnv } from "@/lib/env";

export class DatabaseBusyError extends Error {}

// better-sqlite3 (the driver under Prisma's SQLite adapter) ships no types; this is all we use.
type SqliteConnection = { exec(sql: string): void; close(): void };
const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  file: string,
  opts: { timeout: number },
) => SqliteConnection;

function sqliteFile(url: string, cwd: string): string {
  return path.resolve(cwd, url.replace(/^file:/, ""));
}

function busyMessage(file: string): string {
  return (
    `The SQLite database ${file} is locked by another process, most likely a running portal ` +
    "(npm run demo / npm run dev / next start). Stop it (Ctrl-C, or stop its service), then run npm run db:migrate again."
  );
}

/** True once this process could take the write lock (and let it go again). */
function sqliteWriteLockFree(file: string): boolean {
  const conn = new Database(file, { timeout: 0 });
  try {
    conn.exec("BEGIN IMMEDIATE");
    conn.exec("ROLLBACK");
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "SQLITE_BUSY") return false;
    throw err;
  } finally {
    conn.close();
  }
}

/** Waits up to `timeoutMs` for the SQLite write lock; throws DatabaseBusyError naming what to stop. */
export async function waitForSqlite(
  url: string,
  opts: { cwd?: string; timeoutMs?: number; onWait?: (message: string) => void } = {},
): Promise<void> {
  const file = sqliteFile(url, opts.cwd ?? process.cwd());
  mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let told = false;
  while (!sqliteWriteLockFree(file)) {
    if (Date.now() > deadline) throw new DatabaseBusyError(busyMessage(file));
    if (!told) opts.onWait?.(`Waiting for ${file}: another process (a running portal?) is writing to it…`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function migrateDatabase(url: string, cwd = process.cwd()): void {
  const postgres = isPostgresUrl(url);
  if (!postgres) mkdirSync(path.dirname(sqliteFile(url, cwd)), { recursive: true });
  try {
    execFileSync(
      path.join(cwd, "node_modules/.bin/prisma"),
      ["migrate", "deploy", "--config", postgres ? "prisma.postgres.config.ts" : "prisma.sqlite.config.ts"],
      {
        cwd,
        env: {
          ...rawEnv(),
          ...(postgres ? { PG_URL: url } : { SQLITE_URL: url }),
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  } catch (err) {
    const output = `${(err as { stdout?: Buffer }).stdout ?? ""}${(err as { stderr?: Buffer }).stderr ?? ""}`;
    // Prisma 6.19's SQLite adapter reports a busy database as this unknown error variant.
    if (!postgres && /SocketTimeout|database is locked|SQLITE_BUSY/.test(output))
      throw new DatabaseBusyError(busyMessage(sqliteFile(url, cwd)));
    throw err;
  }
}

/** Waits for an SQLite database to be free, then migrates (PostgreSQL: migrates at once). */
export async function migrateWhenFree(
  url: string,
  opts: { cwd?: string; timeoutMs?: number; onWait?: (message: string) => void } = {},
): Promise<void> {
  if (!isPostgresUrl(url)) await waitForSqlite(url, opts);
  migrateDatabase(url, opts.cwd);
}
