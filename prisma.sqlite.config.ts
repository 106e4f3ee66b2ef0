// Prisma CLI config for SQLite: the CLI runs offline on the JS engine, so it goes through the adapter.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

const url = process.env.SQLITE_URL ?? "file:./data/dev.db";

// The shadow DB replays migrations via executeRaw (better-sqlite3 prepare()), which rejects
// multi-statement SQL (P3006). Fall back to executeScript (db.exec).
function shadowRunsScripts(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (err) {
        if (query.args.length > 0) throw err;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/sqlite/schema.prisma",
  migrations: { path: "prisma/sqlite/migrations" },
  async adapter() {
    return shadowRunsScripts(new PrismaBetterSQLite3({ url }));
  },
});
