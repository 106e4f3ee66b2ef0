// npm run ndd:client -- --org <id|name> [--add <Client>] [--remove <Client>]
// Registers (or removes) an NDD Orbix Client name the organization answers to on /v1/*; without
// --add/--remove it lists them. Audited as ndd.client_add / ndd.client_remove.
import { parseArgs } from "node:util";

import { db } from "@/lib/db";
import { addClient, listClients, removeClient } from "@/lib/provisioning/ndd/clients";
import { nddClientSchema } from "@/lib/provisioning/ndd/schemas";

import { organizationArg, scriptContext } from "./lib/org-arg";

async function main() {
  const { values } = parseArgs({
    options: { org: { type: "string" }, add: { type: "string" }, remove: { type: "string" } },
  });
  if (!values.org) {
    console.error("usage: npm run ndd:client -- --org <id|name> [--add <Client>] [--remove <Client>]");
    process.exit(2);
  }
  const org = await organizationArg(values.org);
  const ctx = scriptContext(org, "npm run ndd:client");
  if (values.add) {
    const parsed = nddClientSchema.safeParse({ name: values.add });
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    await addClient(ctx, parsed.data);
    console.log(`Registered Client "${parsed.data.name}" for ${org.name}.`);
  }
  if (values.remove) {
    await removeClient(ctx, { name: values.remove });
    console.log(`Removed Client "${values.remove}" from ${org.name}.`);
  }
  const names = (await listClients(org.id)).map((c) => c.name);
  console.log(`Clients of ${org.name}: ${names.length ? names.join(", ") : "(none)"}`);
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
