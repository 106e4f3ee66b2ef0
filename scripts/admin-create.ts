// npm run admin:create -- --email ada@example.com --name "Ada Admin" [--password …] [--portal-admin]
//                          [--role owner|admin|helpdesk|auditor --org <ezeep organization id>]
// Creates a portal admin (or resets the password of an existing one) and optionally gives them a
// role in an organization the portal already manages. Prints the password when it generated one.
import { parseArgs } from "node:util";

import { createAdmin } from "@/lib/admins/service";
import { generatePassword } from "@/lib/auth/password";
import { isRole, ROLES } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

import { loadAuditKeys } from "./lib/audit-keys";

// Creating an admin is audited, which needs the chain key (demo: data/demo-secrets.json).
loadAuditKeys();

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      org: { type: "string" },
      "portal-admin": { type: "boolean" },
    },
  });
  if (!values.email || !values.name) {
    console.error(
      'usage: npm run admin:create -- --email <email> --name "<name>" [--password <pw>] [--role <role> --org <ezeep org id>]',
    );
    process.exit(2);
  }
  const roles: { organizationId: string; role: (typeof ROLES)[number] }[] = [];
  if (values.role || values.org) {
    if (!isRole(values.role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
    const org = values.org
      ? await db.organization.findFirst({ where: { OR: [{ ezeepId: values.org }, { id: values.org }] } })
      : await db.organization.findFirst({ orderBy: { createdAt: "asc" } });
    if (!org)
      throw new Error(
        values.org
          ? `No organization ${values.org} is managed by this portal.`
          : "The portal manages no organization yet: register one first with npm run org:register (or open /setup).",
      );
    roles.push({ organizationId: org.id, role: values.role });
  }
  const password = values.password ?? generatePassword();
  const admin = await createAdmin({
    email: values.email,
    name: values.name,
    password,
    roles,
    // --portal-admin: may read the portal-wide audit log (sign-ins of every admin)
    ...(values["portal-admin"] ? { portalAdmin: true } : {}),
  });
  console.log(`Admin ready: ${admin.email}${roles.length ? ` (${roles[0].role})` : ""}`);
  if (!values.password) console.log(`Generated password: ${password}`);
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
