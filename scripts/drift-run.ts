// npm run drift:run -- [--org <id|name>] — runs the drift check now (every organization, or the
// one named by its portal id, ezeep id or name) against DATABASE_URL and the configured ezeep;
// records changes made outside the portal, audits the run as `drift.run` (actor: the command) and
// prints what it found. Exits 1 when a run failed or another instance is running the check.
import { parseArgs } from "node:util";

async function main() {
  const { values } = parseArgs({ options: { org: { type: "string" } } });
  const { runDriftNow } = await import("@/lib/audit/drift");
  const { db } = await import("@/lib/db");
  const orgs = await db.organization.findMany({ orderBy: { createdAt: "asc" } });
  const wanted = values.org?.toLowerCase();
  const chosen = wanted
    ? orgs.filter((o) => [o.id, o.ezeepId, o.name].some((v) => v.toLowerCase() === wanted))
    : orgs;
  if (chosen.length === 0) {
    console.error(
      values.org
        ? `No organization "${values.org}" in this portal.`
        : "The portal manages no organization yet.",
    );
    process.exit(1);
  }
  let failed = 0;
  for (const o of chosen) {
    const organization = { id: o.id, ezeepId: o.ezeepId, name: o.name, connection: o.connection };
    const ctx = {
      actor: { type: "system" as const, id: null, label: "drift:run command" },
      organization,
      role: null,
    };
    try {
      const r = await runDriftNow(ctx);
      console.log(
        r.firstSnapshot
          ? `${o.name}: first snapshot taken`
          : `${o.name}: ${r.recorded} external change(s) recorded, ${r.explained} made by the portal, ${r.deferred} still in progress`,
      );
    } catch (err) {
      failed++;
      console.error(`${o.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await db.$disconnect();
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
