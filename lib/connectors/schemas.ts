// Query rules for the connectors pages (docs/ezeep.md#printers-connectors-drivers).
import { z } from "zod";

export const listConnectorsSchema = z.object({
  type: z.string().trim().max(100).default(""),
  status: z.string().trim().max(100).default(""),
  q: z.string().trim().max(200).default(""),
});
export type ListConnectorsQuery = z.output<typeof listConnectorsSchema>;
