// Where the Azure AD steps of the provisioning sequence are carried out. ezeep documents no API
// to activate an organization's Azure AD connection or to import its Azure groups (docs/ezeep.md,
// "Azure AD connection"), so production has no automatic implementation: the default refuses
// with what to do in the ezeep admin console. A deployment that has a way (the demo: its
// simulator, see lib/demo/) installs one at start-up with setAzureDirectory().
import "server-only";

import type { OrganizationRef } from "@/lib/auth/context";
import { UserFacingError } from "@/lib/errors";
import { translator } from "@/lib/i18n/server";

export interface AzureGroupInput {
  name: string;
  foreignId?: string;
}

export interface AzureDirectory {
  /** True when the steps run here; false when the owner does them in ezeep. */
  readonly automated: boolean;
  /** Shown on the provisioning page next to the assumption. */
  readonly description: string;
  activate(org: OrganizationRef): Promise<void>;
  importGroups(org: OrganizationRef, groups: AzureGroupInput[]): Promise<void>;
}

export const manualAzureDirectory: AzureDirectory = {
  automated: false,
  description: "This portal talks to real ezeep, so steps 2 and 3 tell you what to do in ezeep instead.",
  async activate() {
    throw new UserFacingError((await translator("organizations"))("errors.noActivateApi"));
  },
  async importGroups() {
    throw new UserFacingError((await translator("organizations"))("errors.noImportApi"));
  },
};

// On globalThis: Next bundles instrumentation and route handlers separately, and both must see
// the one installed at start-up.
const SLOT = Symbol.for("ezeep-portal.azure-directory");
type Slot = { [SLOT]?: AzureDirectory };

export function setAzureDirectory(directory: AzureDirectory | null): void {
  (globalThis as Slot)[SLOT] = directory ?? undefined;
}

export function azureDirectory(): AzureDirectory {
  return (globalThis as Slot)[SLOT] ?? manualAzureDirectory;
}
