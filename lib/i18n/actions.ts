"use server";

// An admin's language (Settings → Language): English, German, or the browser's choice.
import { z } from "zod";

import { recordAudit } from "@/lib/audit/service";
import { defineAction } from "@/lib/auth/action";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/server";

export const setLanguageAction = defineAction({
  name: "admin.language",
  permission: "account.manage",
  mutation: true,
  // "auto" follows the browser's Accept-Language.
  input: z.object({ locale: z.enum([...LOCALES, "auto"]) }),
  revalidate: [["/", "layout"]],
  handler: async (ctx, input) => {
    const t = await translator("language");
    if (!ctx.actor.id) throw new UserFacingError(t("onlyAdmins"));
    const locale = input.locale === "auto" ? null : input.locale;
    const before = await db.admin.findUnique({ where: { id: ctx.actor.id }, select: { locale: true } });
    await db.admin.update({ where: { id: ctx.actor.id }, data: { locale } });
    // The admin's own preference: recorded in the portal-wide log, like their sessions.
    await recordAudit({
      organizationId: null,
      actor: ctx.actor,
      action: "admin.language",
      target: { type: "admin", id: ctx.actor.id, label: ctx.actor.label },
      before: { locale: before?.locale ?? "auto" },
      after: { locale: input.locale },
      outcome: "success",
    });
    return { locale: input.locale };
  },
});
