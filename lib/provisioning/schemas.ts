import { z } from "zod";

const organizationId = z.string().trim().min(1, "Choose an organization.").max(100);

export const azureStepSchema = z.object({ organizationId });

export const azureImportSchema = z.object({
  organizationId,
  groups: z
    .array(
      z.object({
        name: z
          .string()
          .trim()
          .min(1, "Enter a group name.")
          .max(255, "Use at most 255 characters for a group name."),
        foreignId: z.string().trim().max(100).optional(),
      }),
    )
    .min(1, "Enter at least one Azure AD group.")
    .max(50, "Import at most 50 groups at a time."),
});

const csv = z
  .string({ error: "Choose a CSV file." })
  .min(1, "The file is empty.")
  .max(1_000_000, "The file is larger than 1 MB: split it.");
export const importPreviewSchema = z.object({ csv });
export const importApplySchema = z
  .object({ csv, from: z.number().int().min(0), to: z.number().int().min(1) })
  .refine((v) => v.to > v.from && v.to - v.from <= 500, {
    message: "Apply at most 500 rows at a time.",
    path: ["to"],
  });
