import { z } from "zod";

import { API_TOKEN_NAME_MAX } from "@/lib/api-tokens/constants";
import { zodMessage } from "@/lib/i18n/scope";

export { API_TOKEN_NAME_MAX };

export const createApiTokenSchema = z.object({
  name: z
    .string(zodMessage((t) => t("settings.apiTokens.nameRequired")))
    .trim()
    .min(
      1,
      zodMessage((t) => t("settings.apiTokens.nameRequired")),
    )
    .max(
      API_TOKEN_NAME_MAX,
      zodMessage((t) => t("settings.apiTokens.nameTooLong", { max: API_TOKEN_NAME_MAX })),
    ),
});

export const revokeApiTokenSchema = z.object({
  id: z.string().trim().min(1, "A token id is required.").max(100),
});
