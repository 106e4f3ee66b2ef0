// The provisioning sequence of seed 000 (docs/ezeep.md, "Azure AD connection"):
//   create organization → activate Azure connection → import Azure groups → (delete organization)
// Steps 1 and 4 are the Partner API (lib/organizations/partner.ts). Steps 2 and 3 have NO public
// ezeep endpoint: they go through the installed AzureDirectory (lib/provisioning/azure-directory.ts),
// which in production refuses with what to do in the ezeep admin console. Either way the result is
// verified through the documented API: groups whose origin.provider is "Azure".
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { translator } from "@/lib/i18n/server";
import { ezeepFor } from "@/lib/organizations/service";
import { azureDirectory, type AzureGroupInput } from "@/lib/provisioning/azure-directory";

export type { AzureGroupInput };

export const AZURE_ASSUMPTION =
  "ezeep documents no API to activate an Azure AD connection or import Azure groups. " +
  "This portal carries out both steps only where a way to do them is installed (its simulator in the demo); with real ezeep, do them in the ezeep admin console and continue here.";

/** The target organization, when the acting admin is its owner (the flow may act on a just-created one). */
export async function ownedOrganization(ctx: OrgContext, organizationId: string): Promise<OrganizationRef> {
  const org = await db.organization.findUnique({ where: { id: organizationId } });
  const role =
    org && ctx.actor.id
      ? await db.role.findUnique({
          where: { adminId_organizationId: { adminId: ctx.actor.id, organizationId: org.id } },
        })
      : null;
  if (!org || role?.role !== "owner")
    throw new UserFacingError((await translator("organizations"))("errors.onlyOwner"));
  return { id: org.id, ezeepId: org.ezeepId, name: org.name, connection: org.connection };
}

export async function activateAzureConnection(
  ctx: OrgContext,
  input: { organizationId: string },
): Promise<{ simulated: boolean }> {
  const org = await ownedOrganization(ctx, input.organizationId);
  const directory = azureDirectory();
  if (!directory.automated) await directory.activate(org); // refuses with what to do in ezeep
  const inOrg: OrgContext = { ...ctx, organization: org, role: "owner" };
  return audited(inOrg, {
    action: "organization.azure_activate",
    target: { type: "organization", id: org.id, label: org.name },
    intended: { azure: "active", simulated: true },
    run: async () => {
      await directory.activate(org);
      return { result: { simulated: true } };
    },
  });
}

export async function importAzureGroups(
  ctx: OrgContext,
  input: { organizationId: string; groups: AzureGroupInput[] },
): Promise<{ imported: { id: string; name: string; foreignId: string | null }[] }> {
  const org = await ownedOrganization(ctx, input.organizationId);
  const directory = azureDirectory();
  if (!directory.automated) await directory.importGroups(org, input.groups); // refuses with what to do in ezeep
  const inOrg: OrgContext = { ...ctx, organization: org, role: "owner" };
  return audited(inOrg, {
    action: "organization.azure_import",
    target: { type: "organization", id: org.id, label: org.name },
    intended: { groups: input.groups },
    run: async () => {
      await directory.importGroups(org, input.groups);
      const imported = await listAzureGroups(org);
      const wanted = new Set(input.groups.map((g) => g.name));
      const found = imported.filter((g) => wanted.has(g.name));
      return { result: { imported: found }, after: { groups: found } };
    },
  });
}

/** Verification through the documented API: the organization's groups that come from Azure AD. */
export async function listAzureGroups(
  org: OrganizationRef,
): Promise<{ id: string; name: string; foreignId: string | null }[]> {
  const groups = await ezeepFor(org).groups.all({ pageSize: 100 });
  return groups
    .filter((g) => (g.origin?.provider ?? "").toLowerCase() === "azure")
    .map((g) => ({ id: g.id, name: g.name, foreignId: g.origin?.foreign_id ?? null }));
}

export async function checkAzureGroups(ctx: OrgContext, input: { organizationId: string }) {
  return listAzureGroups(await ownedOrganization(ctx, input.organizationId));
}
