// What a portal server does once when it starts (called from instrumentation.ts): refuse to run
// on an invalid configuration, say what it runs against (secrets masked), and — while the portal
// has no admin — print the one-time setup code for /setup.
import { assertValidEnv, EnvError } from "@/lib/env";
import { maskUrlPassword, moduleLogger } from "@/lib/observability/logger";

export async function startServer(): Promise<void> {
  let vars;
  try {
    vars = assertValidEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    // Plain stderr, not the logger: the logger itself reads the (invalid) configuration.
    process.stderr.write(`\n${err.message}\n\nThe portal did not start.\n\n`);
    process.exit(1);
  }
  const log = moduleLogger("startup");
  log.info({ database: maskUrlPassword(vars.DATABASE_URL), nodeEnv: vars.NODE_ENV }, "portal starting");
  const { announceSetupCodeOnce } = await import("@/lib/setup/service");
  await announceSetupCodeOnce();
}
