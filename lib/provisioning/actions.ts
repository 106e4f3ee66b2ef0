"use server";

// The provisioning sequence's Azure steps (lib/provisioning/azure.ts): owners of the target organization.
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";
import { activateAzureConnection, checkAzureGroups, importAzureGroups } from "@/lib/provisioning/azure";
import { applyImportChunk, previewImport } from "@/lib/provisioning/csv";
import {
  azureImportSchema,
  azureStepSchema,
  importApplySchema,
  importPreviewSchema,
} from "@/lib/provisioning/schemas";

/** Pages that show what these actions change. */
const PAGES: RevalidateTarget[] = [["/", "layout"]];

export const activateAzureAction = defineAction({
  name: "organization.azure_activate",
  permission: "organizations.manage",
  mutation: true,
  input: azureStepSchema,
  handler: async (ctx, input) => activateAzureConnection(ctx, input),
});

export const importAzureGroupsAction = defineAction({
  name: "organization.azure_import",
  permission: "organizations.manage",
  mutation: true,
  revalidate: PAGES,
  input: azureImportSchema,
  handler: async (ctx, input) => {
    const result = await importAzureGroups(ctx, input);
    return result;
  },
});

export const checkAzureGroupsAction = defineAction({
  name: "organization.azure_check",
  permission: "organizations.manage",
  mutation: false,
  input: azureStepSchema,
  handler: async (ctx, input) => checkAzureGroups(ctx, input),
});

// ---------------------------------------------------------------------------------------------
// CSV import (lib/provisioning/csv.ts)

export const previewImportAction = defineAction({
  name: "import.preview",
  permission: "groups.write",
  mutation: false,
  input: importPreviewSchema,
  handler: async (ctx, input) => previewImport(ctx, input.csv),
});

export const applyImportAction = defineAction({
  name: "import.apply",
  permission: "groups.write",
  mutation: true,
  revalidate: PAGES,
  input: importApplySchema,
  handler: async (ctx, input) => {
    const result = await applyImportChunk(ctx, input);
    return result;
  },
});
