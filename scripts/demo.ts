// `npm run demo`: the portal on the embedded SQLite database (data/portal.db) against a simulated
// ezeep, with generated secrets (data/demo-secrets.json) and a first owner. Builds when the
// sources are newer than .next, then `next start`. Real ezeep: set EZEEP_CLIENT_ID and
// EZEEP_CLIENT_SECRET (see README). Ctrl-C stops everything.
import { runPortal } from "./lib/portal-run";

runPortal("demo").catch((err: unknown) => {
  console.error(`\nnpm run demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
