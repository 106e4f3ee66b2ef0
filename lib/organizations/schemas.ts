import { z } from "zod";

const name = z
  .string({ error: "Enter the organization's name." })
  .trim()
  .min(1, "Enter the organization's name.")
  .max(100, "Use at most 100 characters for the name.");

export const createPartnerOrganizationSchema = z.object({
  name,
  currency: z.enum(["EUR", "USD"], { error: "Choose EUR or USD." }),
  adminEmail: z
    .string({ error: "Enter the first admin's email." })
    .trim()
    .toLowerCase()
    .email("Enter a valid email address.")
    .max(254),
  adminFirstName: z.string({ error: "Enter a first name." }).trim().min(1, "Enter a first name.").max(100),
  adminLastName: z.string({ error: "Enter a last name." }).trim().min(1, "Enter a last name.").max(100),
  language: z.enum(["en", "de"]).default("en"),
});
export type CreatePartnerOrganizationInput = z.output<typeof createPartnerOrganizationSchema>;

export const deletePartnerOrganizationSchema = z.object({
  id: z.string().trim().min(1).max(100),
  confirmName: z.string({ error: "Type the organization's name to confirm." }).max(200),
});
