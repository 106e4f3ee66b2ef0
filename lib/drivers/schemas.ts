// Input rules for the driver catalogue (docs/ezeep.md#printers-connectors-drivers): vendors, then drivers of a vendor.
import { z } from "zod";

export const searchDriversSchema = z.object({
  vendor: z.string({ error: "Choose a vendor." }).trim().min(1, "Choose a vendor.").max(200),
  q: z.string().trim().max(200).default(""),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type SearchDriversQuery = z.output<typeof searchDriversSchema>;

export const listDriversSchema = z.object({
  vendor: z.string().trim().max(200).default(""),
  q: z.string().trim().max(200).default(""),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(20),
});
export type ListDriversQuery = z.output<typeof listDriversSchema>;
