// Organizations the portal manages, and the ezeep client that acts for each of them.
import type { OrganizationRef } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { createEzeepClient, ezeepConfigFromEnv, type EzeepClient } from "@/lib/ezeep";
import { createAuthorizationCodeTokenProvider } from "@/lib/organizations/token-store";
import { createLimiter } from "@/lib/provisioning/pool";

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

const globalClients = globalThis as unknown as {
  __ezeepClients?: Map<string, { connection: string; client: EzeepClient }>;
};
const clients = (globalClients.__ezeepClients ??= new Map());

/** How many requests one organization's client may have in flight toward ezeep at once. */
export function ezeepMaxConcurrency(): number {
  return env().EZEEP_MAX_CONCURRENCY;
}

/** Drops the cached client of an organization (after connecting or disconnecting it). */
export function forgetEzeepClient(organizationId: string): void {
  clients.delete(organizationId);
}

/**
 * One client per organization, so each keeps its own cached token (see lib/ezeep/token.ts) and
 * its own bound on concurrent requests (EZEEP_MAX_CONCURRENCY, default 8; retries and Retry-After
 * waits happen outside the bound).
 * - `client_credentials`: the token request names the organization (`organization_id`, our
 *   assumption for partner clients that control several organizations: ezeep-api.md §1.8).
 * - `authorization_code`: the stored, rotating refresh token (lib/organizations/token-store.ts).
 */
export function ezeepFor(org: OrganizationRef): EzeepClient {
  const cached = clients.get(org.id);
  if (cached && cached.connection === org.connection) return cached.client;
  const config = ezeepConfigFromEnv();
  if (!config) {
    throw new UserFacingError(
      "The portal has no ezeep credentials. Set EZEEP_CLIENT_ID and EZEEP_CLIENT_SECRET on the server (see README).",
    );
  }
  const limit = createLimiter(ezeepMaxConcurrency());
  const limitedFetch: typeof fetch = (input, init) => limit(() => fetch(input, init));
  const client = createEzeepClient({
    accountUrl: config.accountUrl,
    apiUrl: config.apiUrl,
    credentials:
      org.connection === "authorization_code"
        ? {
            tokenProvider: createAuthorizationCodeTokenProvider(org, {
              accountUrl: config.accountUrl,
              clientId: config.clientId,
              clientSecret: config.clientSecret,
              timeoutMs: config.timeoutMs,
              fetch: limitedFetch,
            }),
          }
        : { clientId: config.clientId, clientSecret: config.clientSecret, organizationId: org.ezeepId },
    timeoutMs: config.timeoutMs,
    fetch: limitedFetch,
  });
  clients.set(org.id, { connection: org.connection, client });
  return client;
}

/** The stored facts about one organization a page shows (never the token itself). */
export async function organizationDetails(organizationId: string) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { id: true, ezeepId: true, name: true, connection: true, tokenExpiresAt: true, createdAt: true },
  });
  return org;
}
