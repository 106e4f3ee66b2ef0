import { z } from "zod";

export const API_TOKEN_NAME_MAX = 80;

export const createApiTokenSchema = z.object({
  name: z
    .string({ error: "Enter a name for the token." })
    .trim()
    .min(1, "Enter a name for the token.")
    .max(API_TOKEN_NAME_MAX, `Use at most ${API_TOKEN_NAME_MAX} characters for the name.`),
});

export const revokeApiTokenSchema = z.object({
  id: z.string().trim().min(1, "A token id is required.").max(100),
});
