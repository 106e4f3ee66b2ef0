// Organizations the portal manages, and the ezeep client that acts for each of them.
import { db } from "@/lib/db";
import { createEzeepClient, ezeepConfigFromEnv, type EzeepClient } from "@/lib/ezeep";
import { UserFacingError } from "@/lib/errors";
import type { OrganizationRef } from "@/lib/auth/context";

export async function ensureOrganization(input: {
  ezeepId: string;
  name: string;
  connection?: "client_credentials" | "authorization_code";
}): Promise<OrganizationRef> {
  const org = await db.organization.upsert({
    where: { ezeepId: input.ezeepId },
    update: { name: input.name },
    create: { ezeepId: input.ezeepId, name: input.name, connection: input.connection ?? "client_credentials" },
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
  return row ? { role: row.role, organization: { id: row.organization.id, name: row.organization.name } } : null;
}

const globalClients = globalThis as unknown as { __ezeepClients?: Map<string, EzeepClient> };
const clients = (globalClients.__ezeepClients ??= new Map());

/**
 * One client per organization, so each keeps its own cached token (see lib/ezeep/token.ts). The
 * token request names the organization (`organization_id`, our assumption for partner clients
 * that control several organizations: ezeep-api.md §1.8); OAuth servers ignore unknown fields.
 */
export function ezeepFor(org: OrganizationRef): EzeepClient {
  const cached = clients.get(org.id);
  if (cached) return cached;
  const config = ezeepConfigFromEnv();
  if (!config) {
    throw new UserFacingError(
      "The portal has no ezeep credentials. Set EZEEP_CLIENT_ID and EZEEP_CLIENT_SECRET on the server (see README).",
    );
  }
  const client = createEzeepClient({
    accountUrl: config.accountUrl,
    apiUrl: config.apiUrl,
    credentials: { clientId: config.clientId, clientSecret: config.clientSecret, organizationId: org.ezeepId },
    timeoutMs: config.timeoutMs,
  });
  clients.set(org.id, client);
  return client;
}
