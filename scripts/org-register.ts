// npm run org:register [-- --org-id <ezeep organization id>] [--name "<display name>"]
// Registers an ezeep organization with the portal, for scripted installs (the first-run page at
// /setup does the same interactively). Without flags: the organization that the environment's
// client credentials (EZEEP_CLIENT_ID / EZEEP_CLIENT_SECRET) act for, named as ezeep names it;
// --org-id picks another one those credentials control, --name overrides the name. Idempotent.
import { parseArgs } from "node:util";

import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { ensureOrganization } from "@/lib/organizations/service";
import { discoverEnvironmentOrganization } from "@/lib/setup/service";

async function main() {
  const { values } = parseArgs({
    options: { "org-id": { type: "string" }, name: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log('usage: npm run org:register [-- --org-id <ezeep organization id>] [--name "<name>"]');
    return;
  }
  const found = await discoverEnvironmentOrganization({
    ...(values["org-id"] ? { ezeepId: values["org-id"] } : {}),
    ...(values.name ? { name: values.name } : {}),
  });
  const existed = await db.organization.findUnique({ where: { ezeepId: found.ezeepId } });
  const org = await ensureOrganization(found);
  await recordAudit({
    organizationId: org.id,
    actor: { type: "system", id: null, label: "npm run org:register" },
    action: "organization.register",
    target: { type: "organization", id: org.id, label: org.name },
    before: existed ? { name: existed.name } : null,
    after: { ezeepId: org.ezeepId, name: org.name },
    outcome: "success",
  });
  console.log(
    `Organization ${existed ? "up to date" : "registered"}: ${org.name} (ezeep id ${org.ezeepId}).`,
  );
  const admins = await db.admin.count();
  if (admins === 0)
    console.log('Next: npm run admin:create -- --email you@example.com --name "Your Name" --role owner');
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
