import { z } from "zod";

/** NDD portal customer names allow no spaces or special characters (docs/ezeep.md, NDD Orbix). */
export const nddClientSchema = z.object({
  name: z
    .string({ error: "Enter the Client name." })
    .trim()
    .min(1, "Enter the Client name.")
    .max(100, "Use at most 100 characters.")
    .regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits, “.”, “_” or “-” only, as in NDD Orbix."),
});

export const massRemovalSchema = z.object({
  percent: z.coerce
    .number({ error: "Enter a percentage." })
    .int("Enter a whole number.")
    .min(0, "Use 0 to 100.")
    .max(100, "Use 0 to 100."),
});

export const identitySearchSchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
