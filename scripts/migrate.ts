// npm run db:migrate — applies pending migrations to DATABASE_URL (SQLite file or PostgreSQL).
import { DEFAULT_DATABASE_URL } from "@/lib/db";
import { migrateDatabase } from "@/lib/db-migrate";

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
try {
  migrateDatabase(url);
  console.log(
    `Database is up to date (${url.startsWith("file:") ? url : url.replace(/\/\/[^@]*@/, "//***@")}).`,
  );
} catch (err) {
  const out = (err as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() || (err as Error).message;
  console.error(`Migration failed:\n${out}`);
  process.exit(1);
}
