// Input rules for printers and printer↔group assignments (docs/ezeep.md#assignments, #printers-connectors-drivers).
import { z } from "zod";

import { PRINTER_SORTS, PRINTER_STATUS_FILTERS } from "@/lib/printers/list-order";

const id = (what: string) =>
  z
    .string({ error: `A ${what} id is required.` })
    .trim()
    .min(1, `A ${what} id is required.`)
    .max(100);

/** 1–50 distinct group ids. */
const groupIds = z
  .array(id("group"), { error: "Choose at least one group." })
  .min(1, "Choose at least one group.")
  .max(50, "Choose at most 50 groups at once.")
  .transform((ids) => [...new Set(ids)]);

export const assignGroupsSchema = z.object({ printerId: id("printer"), groupIds });
export const unassignGroupsSchema = assignGroupsSchema;

/** From the group side: several printers to one group. */
const printerIds = z
  .array(id("printer"), { error: "Choose at least one printer." })
  .min(1, "Choose at least one printer.")
  .max(50, "Choose at most 50 printers at once.")
  .transform((ids) => [...new Set(ids)]);
export const assignPrintersToGroupSchema = z.object({ groupId: id("group"), printerIds });
export const unassignPrintersFromGroupSchema = assignPrintersToGroupSchema;

export const setDriverSchema = z.object({
  printerId: id("printer"),
  /** null clears the manual driver (the automatic one applies again). */
  driverId: z.union([id("driver"), z.null()], { error: "Choose a driver." }),
  /** The vendor the driver was picked from (to name it in the audit log). */
  vendor: z.string().trim().max(200).optional(),
});

export const listPrintersSchema = z.object({
  q: z.string().trim().max(200).default(""),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(20),
  connector: z.string().trim().max(100).default(""),
  group: z.string().trim().max(100).default(""),
  // A stale or hand-edited value falls back to the default instead of dropping every filter.
  status: z.enum(PRINTER_STATUS_FILTERS).catch("all").default("all"),
  sort: z.enum(PRINTER_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
});
export type ListPrintersQuery = z.output<typeof listPrintersSchema>;
