// npm run db:migrate — applies pending migrations to DATABASE_URL (SQLite file or PostgreSQL).
// On SQLite it waits (up to DB_MIGRATE_WAIT_SECONDS, default 30) while another process holds the
// write lock, then names what to stop.
import { DatabaseBusyError, migrateWhenFree } from "@/lib/db-migrate";
import { env } from "@/lib/env";
import { maskUrlPassword } from "@/lib/observability/logger";

const url = env().DATABASE_URL;
const waitSeconds = Number(process.env.DB_MIGRATE_WAIT_SECONDS || 30);
try {
  await migrateWhenFree(url, { timeoutMs: waitSeconds * 1000, onWait: (m) => console.log(m) });
  console.log(`Database is up to date (${maskUrlPassword(url)}).`);
} catch (err) {
  if (err instanceof DatabaseBusyError) {
    console.error(err.message);
  } else {
    const out = (err as { stderr?: Buffer }).stderr?.toString() || (err as Error).message;
    console.error(`Migration failed:\n${out}`);
  }
  process.exit(1);
}
