// Organizations the portal manages. Their ezeep clients come from lib/organizations/connections.ts
// (re-exported here, where most callers import them from).
import "server-only";

import type { OrganizationRef } from "@/lib/auth/context";
import { db } from "@/lib/db";

export { ezeepFor, ezeepMaxConcurrency, forgetEzeepClient } from "@/lib/organizations/connections";

export async function ensureOrganization(input: {
  ezeepId: string;
  name: string;
  connection?: "client_credentials" | "authorization_code";
}): Promise<OrganizationRef> {
  const org = await db.organization.upsert({
    where: { ezeepId: input.ezeepId },
    update: { name: input.name },
    create: {
      ezeepId: input.ezeepId,
      name: input.name,
      connection: input.connection ?? "client_credentials",
    },
  });
  return { id: org.id, ezeepId: org.ezeepId, name: org.name, connection: org.connection };
}

/** The organizations an admin holds a role in, with that role, by name. */
export async function listOrganizationsForAdmin(adminId: string) {
  const roles = await db.role.findMany({
    where: { adminId },
    include: { organization: true },
    orderBy: { organization: { name: "asc" } },
  });
  return roles.map((r) => ({
    role: r.role,
    organization: {
      id: r.organization.id,
      ezeepId: r.organization.ezeepId,
      name: r.organization.name,
      connection: r.organization.connection,
    } satisfies OrganizationRef,
  }));
}

/** The admin's role in one organization, or null when they hold none there. */
export async function roleIn(adminId: string, organizationId: string) {
  const row = await db.role.findUnique({
    where: { adminId_organizationId: { adminId, organizationId } },
    include: { organization: true },
  });
  return row
    ? { role: row.role, organization: { id: row.organization.id, name: row.organization.name } }
    : null;
}

/** The stored facts about one organization a page shows (never the token itself). */
export async function organizationDetails(organizationId: string) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { id: true, ezeepId: true, name: true, connection: true, tokenExpiresAt: true, createdAt: true },
  });
  return org;
}
