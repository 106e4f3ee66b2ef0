// What a portal server does once when it starts (called from instrumentation.ts): refuse to run
// on an invalid configuration, say what it runs against (secrets masked), and — while the portal
// has no admin — print the one-time setup code for /setup.
import { assertValidEnv, EnvError } from "@/lib/env";
import { maskUrlPassword, moduleLogger } from "@/lib/observability/logger";

/** Refuses to start on an invalid configuration: prints every problem and exits. */
export function validateConfiguration(): void {
  try {
    assertValidEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    // Plain stderr, not the logger: the logger itself reads the (invalid) configuration.
    process.stderr.write(`\n${err.message}\n\nThe portal did not start.\n\n`);
    process.exit(1);
  }
}

/** Logs the start and the first-run setup code; resolves once the database is usable. */
export async function startServer(): Promise<void> {
  const vars = assertValidEnv();
  const log = moduleLogger("startup");
  log.info({ database: maskUrlPassword(vars.DATABASE_URL), nodeEnv: vars.NODE_ENV }, "portal starting");
  // Until the database is migrated, ask again every few seconds without holding a connection:
  // an open SQLite connection would block `npm run db:migrate`.
  const { announceSetupCodeOnce } = await import("@/lib/setup/service");
  while (!(await announceSetupCodeOnce())) await new Promise((resolve) => setTimeout(resolve, 2_000));
}
