"use server";

// Server actions of the second factor: an admin's own enrolment, confirmation and disabling
// (personal actions), and the owner's portal-wide "require it" switch (settings.manage).
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { defineAction } from "@/lib/auth/action";
import { definePersonalAction } from "@/lib/mfa/personal-action";
import { requireTotpSchema, totpCodeSchema } from "@/lib/mfa/schemas";
import { confirmEnrolment, disableTwoFactor, setRequireTotp, startEnrolment } from "@/lib/mfa/service";

function refresh() {
  try {
    revalidatePath("/settings");
    revalidatePath("/two-factor");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const startTotpEnrolmentAction = definePersonalAction({
  name: "admin.totp.enrol",
  input: z.object({}),
  handler: async (actor) => {
    await startEnrolment(actor);
    refresh();
    return { started: true };
  },
});

export const confirmTotpEnrolmentAction = definePersonalAction({
  name: "admin.totp.enable",
  input: totpCodeSchema,
  handler: async (actor, input) => {
    // No refresh here: the page would re-render as "on" and drop the codes shown once; the
    // form refreshes when the admin confirms they saved them.
    return { recoveryCodes: await confirmEnrolment(actor, input.code) };
  },
});

export const disableTotpAction = definePersonalAction({
  name: "admin.totp.disable",
  input: totpCodeSchema,
  handler: async (actor, input) => {
    await disableTwoFactor(actor, input.code);
    refresh();
    return { disabled: true };
  },
});

export const setRequireTotpAction = defineAction({
  name: "portal.require_totp",
  permission: "settings.manage",
  mutation: true,
  input: requireTotpSchema,
  handler: async (ctx, input) => {
    await setRequireTotp({ ...ctx.actor, id: ctx.actor.id ?? "", label: ctx.actor.label }, input.require);
    refresh();
    return { requireTotp: input.require };
  },
});
