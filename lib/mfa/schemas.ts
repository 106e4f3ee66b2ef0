// Input of the second-factor actions (zod at the boundary).
import { z } from "zod";

import { zodMessage } from "@/lib/i18n/scope";

const codeFormat = zodMessage((t) => t("settings.twoFactor.codeFormat"));

export const totpCodeSchema = z.object({
  code: z
    .string(codeFormat)
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, codeFormat),
});

export const requireTotpSchema = z.object({
  require: z.boolean(zodMessage((t) => t("settings.twoFactor.chooseOnOff"))),
});
