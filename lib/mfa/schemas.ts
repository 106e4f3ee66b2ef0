// Input of the second-factor actions (zod at the boundary). Messages are English sentences,
// catalogued in the `validation` namespace and shown in the request's language.
import { z } from "zod";

export const totpCodeSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your authenticator app." })
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, "Enter the 6-digit code from your authenticator app."),
});

export const requireTotpSchema = z.object({
  require: z.boolean({ error: "Choose on or off." }),
});
