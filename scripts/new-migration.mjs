// Creates a new migration for both providers from the difference between the existing
// migrations and the current models: `PG_URL=postgresql://… npm run migration:new -- <name>`.
// SQLite diffs in memory; PostgreSQL needs PG_URL to name an existing database (left untouched).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run migration:new -- <snake_case_name>");
  process.exit(1);
}
if (!process.env.PG_URL) {
  console.error("PG_URL must name a database on a running PostgreSQL server (it is only read).");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
for (const [dir, provider, env] of [
  ["sqlite", "sqlite", { SQLITE_URL: "file::memory:" }],
  ["postgres", "postgresql", {}],
]) {
  const migrations = `prisma/${dir}/migrations`;
  mkdirSync(migrations, { recursive: true });
  if (!existsSync(`${migrations}/migration_lock.toml`))
    writeFileSync(`${migrations}/migration_lock.toml`, `provider = "${provider}"\n`);
  const hasMigrations = readdirSync(migrations).some((f) => /^\d{14}_/.test(f));
  const from = hasMigrations ? ["--from-migrations", migrations] : ["--from-empty"];
  let sql;
  try {
    sql = execFileSync(
      "node_modules/.bin/prisma",
      [
        "migrate",
        "diff",
        ...from,
        "--to-schema-datamodel",
        `prisma/${dir}/schema.prisma`,
        "--script",
        "--exit-code",
        "--config",
        `prisma.${dir}.config.ts`,
      ],
      { env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    console.log(`${dir}: no changes`);
    continue;
  } catch (err) {
    if (err.status !== 2) throw err;
    sql = err.stdout;
  }
  const folder = `${migrations}/${stamp}_${name}`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/migration.sql`, sql);
  console.log(`${dir}: wrote ${folder}/migration.sql`);
}
