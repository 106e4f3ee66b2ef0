// Input rules for printers and printer↔group assignments (docs/ezeep.md#assignments, #printers-connectors-drivers).
import { z } from "zod";

import { PRINTER_SORTS, PRINTER_STATUS_FILTERS } from "@/lib/printers/list-order";

// One fixed sentence per kind of id, so each is translated whole (lib/i18n/validation.ts).
const groupId = z
  .string({ error: "A group id is required." })
  .trim()
  .min(1, "A group id is required.")
  .max(100);
const printerId = z
  .string({ error: "A printer id is required." })
  .trim()
  .min(1, "A printer id is required.")
  .max(100);
const driverId = z
  .string({ error: "A driver id is required." })
  .trim()
  .min(1, "A driver id is required.")
  .max(100);

/** 1–50 distinct group ids. */
const groupIds = z
  .array(groupId, { error: "Choose at least one group." })
  .min(1, "Choose at least one group.")
  .max(50, "Choose at most 50 groups at once.")
  .transform((ids) => [...new Set(ids)]);

export const assignGroupsSchema = z.object({ printerId, groupIds });
export const unassignGroupsSchema = assignGroupsSchema;

/** From the group side: several printers to one group. */
const printerIds = z
  .array(printerId, { error: "Choose at least one printer." })
  .min(1, "Choose at least one printer.")
  .max(50, "Choose at most 50 printers at once.")
  .transform((ids) => [...new Set(ids)]);
export const assignPrintersToGroupSchema = z.object({ groupId, printerIds });
export const unassignPrintersFromGroupSchema = assignPrintersToGroupSchema;

export const setDriverSchema = z.object({
  printerId: printerId,
  /** null clears the manual driver (the automatic one applies again). */
  driverId: z.union([driverId, z.null()], { error: "Choose a driver." }),
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
