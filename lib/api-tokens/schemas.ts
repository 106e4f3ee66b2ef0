// Input of the API-token actions. Messages are English sentences, catalogued in the `validation`
// namespace and shown in the request's language (lib/i18n/validation.ts).
import { z } from "zod";

import { API_TOKEN_NAME_MAX } from "@/lib/api-tokens/constants";

export { API_TOKEN_NAME_MAX };

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
