// The provisioning sequence of seed 000 (ezeep-api.md §3.14):
//   create organization → activate Azure connection → import Azure groups → (delete organization)
// Steps 1 and 4 are the Partner API (lib/organizations/partner.ts). Steps 2 and 3 have NO public
// ezeep endpoint, so each is kept behind one clearly named function below:
//
//   activateAzureConnection()  ASSUMED. Against the simulator (PORTAL_SIMULATOR_CONTROL set) it
//                              checks the organization is reachable and records the activation.
//                              Against real ezeep it refuses with what to do instead (activate the
//                              Azure AD connection in the ezeep admin console — only Azure
//                              Marketplace subscriptions can — then mark the step done).
//   importAzureGroups()        ASSUMED. Against the simulator it uses the simulator's test hook
//                              (POST /__sim/azure-groups, the documented stand-in for the import).
//                              Against real ezeep it refuses with what to do instead (import in the
//                              ezeep admin console). Either way the result is verified through the
//                              documented API: groups whose origin.provider is "Azure" (§3.5).
import { audited } from "@/lib/audit/service";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { ezeepFor } from "@/lib/organizations/service";

export const AZURE_ASSUMPTION =
  "ezeep documents no API to activate an Azure AD connection or import Azure groups (ezeep-api.md §3.14). " +
  "This portal implements both steps against its ezeep simulator only; with real ezeep, do them in the ezeep admin console and continue here.";

function simulatorControl(): string | null {
  return env().PORTAL_SIMULATOR_CONTROL ?? null;
}

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
    throw new UserFacingError("Only an owner of that organization can do this.");
  return { id: org.id, ezeepId: org.ezeepId, name: org.name, connection: org.connection };
}

export async function activateAzureConnection(
  ctx: OrgContext,
  input: { organizationId: string },
): Promise<{ simulated: boolean }> {
  const org = await ownedOrganization(ctx, input.organizationId);
  const control = simulatorControl();
  if (!control) {
    throw new UserFacingError(
      "ezeep has no public API for this step. Activate the Azure AD connection in the ezeep admin console (Azure Marketplace subscriptions only), then choose “Done in ezeep”.",
    );
  }
  const inOrg: OrgContext = { ...ctx, organization: org, role: "owner" };
  return audited(inOrg, {
    action: "organization.azure_activate",
    target: { type: "organization", id: org.id, label: org.name },
    intended: { azure: "active", simulated: true },
    run: async () => {
      await ezeepFor(org).groups.list({ limit: 1 }); // the organization answers with the portal's credentials
      return { result: { simulated: true } };
    },
  });
}

export interface AzureGroupInput {
  name: string;
  foreignId?: string;
}

export async function importAzureGroups(
  ctx: OrgContext,
  input: { organizationId: string; groups: AzureGroupInput[] },
): Promise<{ imported: { id: string; name: string; foreignId: string | null }[] }> {
  const org = await ownedOrganization(ctx, input.organizationId);
  const control = simulatorControl();
  if (!control) {
    throw new UserFacingError(
      "ezeep has no public API for this step. Import the Azure AD groups in the ezeep admin console, then choose “Check groups”.",
    );
  }
  const inOrg: OrgContext = { ...ctx, organization: org, role: "owner" };
  return audited(inOrg, {
    action: "organization.azure_import",
    target: { type: "organization", id: org.id, label: org.name },
    intended: { groups: input.groups },
    run: async () => {
      const res = await fetch(`${control}/__sim/azure-groups`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ organizationId: org.ezeepId, groups: input.groups }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new UserFacingError(`The simulated import failed (HTTP ${res.status}).`);
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
