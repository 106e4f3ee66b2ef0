"use server";

// Server actions for printers: group assignments (from either side) and the manual driver.
// Each one is defineAction(…): session, permission, zod, audit (in the service).
import { defineAction, type RevalidateTarget } from "@/lib/auth/action";
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

/** Pages that show what these actions change. */
const PRINTING_PAGES: RevalidateTarget[] = [
  ["/printers", "layout"],
  ["/groups", "layout"],
  ["/connectors", "layout"],
  ["/users", "layout"],
  "/audit",
];

export const assignGroupsAction = defineAction({
  name: "printer.assign_groups",
  permission: "printers.write",
  mutation: true,
  revalidate: PRINTING_PAGES,
  input: assignGroupsSchema,
  handler: async (ctx, input) => {
    const result = await assignGroups(ctx, input);
    return result;
  },
});

export const unassignGroupsAction = defineAction({
  name: "printer.unassign_groups",
  permission: "printers.write",
  mutation: true,
  revalidate: PRINTING_PAGES,
  input: unassignGroupsSchema,
  handler: async (ctx, input) => {
    const result = await unassignGroups(ctx, input);
    return result;
  },
});

export const assignPrintersToGroupAction = defineAction({
  name: "printer.assign_to_group",
  permission: "printers.write",
  mutation: true,
  revalidate: PRINTING_PAGES,
  input: assignPrintersToGroupSchema,
  handler: async (ctx, input) => {
    const result = await assignPrintersToGroup(ctx, input);
    return result;
  },
});

export const unassignPrintersFromGroupAction = defineAction({
  name: "printer.unassign_from_group",
  permission: "printers.write",
  mutation: true,
  revalidate: PRINTING_PAGES,
  input: unassignPrintersFromGroupSchema,
  handler: async (ctx, input) => {
    const result = await unassignPrintersFromGroup(ctx, input);
    return result;
  },
});

export const setDriverAction = defineAction({
  name: "printer.set_driver",
  permission: "printers.write",
  mutation: true,
  revalidate: PRINTING_PAGES,
  input: setDriverSchema,
  handler: async (ctx, input) => {
    const result = await setPrinterDriver(ctx, input);
    return result;
  },
});
