// Demo and test wiring only: the Azure AD steps carried out by the ezeep simulator's control API
// (POST /__sim/azure-groups adds groups whose origin.provider is "Azure"). instrumentation.ts
// installs it when the demo, dev or e2e server hands over PORTAL_SIMULATOR_CONTROL; production
// code never references the simulator.
import "server-only";

import type { OrganizationRef } from "@/lib/auth/context";
import { UserFacingError } from "@/lib/errors";
import { ezeepFor } from "@/lib/organizations/service";
import {
  setAzureDirectory,
  type AzureDirectory,
  type AzureGroupInput,
} from "@/lib/provisioning/azure-directory";

export function simulatedAzureDirectory(controlUrl: string): AzureDirectory {
  const base = controlUrl.trim().replace(/\/+$/, "");
  return {
    automated: true,
    description: "This portal runs against the simulator, so both steps run here.",
    async activate(org: OrganizationRef) {
      await ezeepFor(org).groups.list({ limit: 1 }); // the organization answers with the portal's credentials
    },
    async importGroups(org: OrganizationRef, groups: AzureGroupInput[]) {
      const res = await fetch(`${base}/__sim/azure-groups`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ organizationId: org.ezeepId, groups }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new UserFacingError(`The simulated import failed (HTTP ${res.status}).`);
    },
  };
}

/** Installs the simulated directory when a simulator control URL is given. */
export function wireSimulatedAzure(controlUrl: string | undefined): void {
  if (controlUrl?.trim()) setAzureDirectory(simulatedAzureDirectory(controlUrl));
}
