"use server";

// Server actions for printers: group assignments (from either side) and the manual driver.
// Each one is defineAction(…): session, permission, zod, audit (in the service).
import { revalidatePath } from "next/cache";

import { defineAction } from "@/lib/auth/action";
import {
  assignGroupsSchema,
  assignPrintersToGroupSchema,
  setDriverSchema,
  unassignGroupsSchema,
  unassignPrintersFromGroupSchema,
} from "@/lib/printers/schemas";
import {
  assignGroups,
  assignPrintersToGroup,
  setPrinterDriver,
  unassignGroups,
  unassignPrintersFromGroup,
} from "@/lib/printers/service";

function refreshPrintingPages() {
  try {
    revalidatePath("/printers", "layout");
    revalidatePath("/groups", "layout");
    revalidatePath("/connectors", "layout");
    revalidatePath("/users", "layout");
    revalidatePath("/audit");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const assignGroupsAction = defineAction({
  name: "printer.assign_groups",
  permission: "printers.write",
  mutation: true,
  input: assignGroupsSchema,
  handler: async (ctx, input) => {
    const result = await assignGroups(ctx, input);
    refreshPrintingPages();
    return result;
  },
});

export const unassignGroupsAction = defineAction({
  name: "printer.unassign_groups",
  permission: "printers.write",
  mutation: true,
  input: unassignGroupsSchema,
  handler: async (ctx, input) => {
    const result = await unassignGroups(ctx, input);
    refreshPrintingPages();
    return result;
  },
});

export const assignPrintersToGroupAction = defineAction({
  name: "printer.assign_to_group",
  permission: "printers.write",
  mutation: true,
  input: assignPrintersToGroupSchema,
  handler: async (ctx, input) => {
    const result = await assignPrintersToGroup(ctx, input);
    refreshPrintingPages();
    return result;
  },
});

export const unassignPrintersFromGroupAction = defineAction({
  name: "printer.unassign_from_group",
  permission: "printers.write",
  mutation: true,
  input: unassignPrintersFromGroupSchema,
  handler: async (ctx, input) => {
    const result = await unassignPrintersFromGroup(ctx, input);
    refreshPrintingPages();
    return result;
  },
});

export const setDriverAction = defineAction({
  name: "printer.set_driver",
  permission: "printers.write",
  mutation: true,
  input: setDriverSchema,
  handler: async (ctx, input) => {
    const result = await setPrinterDriver(ctx, input);
    refreshPrintingPages();
    return result;
  },
});
