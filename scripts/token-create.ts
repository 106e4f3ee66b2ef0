// npm run token:create -- --org <id|name> --name <label>
// Creates a portal API token for automation and scripted installs (audited as apiToken.create).
// The token is printed on the LAST line, alone, so scripts can take it with `tail -n 1`.
import { parseArgs } from "node:util";

import { createApiToken } from "@/lib/api-tokens/service";
import { db } from "@/lib/db";

import { organizationArg, scriptContext } from "./lib/org-arg";

async function main() {
  const { values } = parseArgs({ options: { org: { type: "string" }, name: { type: "string" } } });
  if (!values.org || !values.name?.trim()) {
    console.error("usage: npm run token:create -- --org <id|name> --name <label>");
    process.exit(2);
  }
  const org = await organizationArg(values.org);
  const created = await createApiToken(scriptContext(org, "npm run token:create"), {
    name: values.name.trim(),
  });
  console.log(`API token "${created.name}" for ${org.name} (shown once; stored hashed):`);
  console.log(created.token);
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
