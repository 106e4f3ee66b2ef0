"use server";

// An admin's own sign-in sessions (Settings → Sessions): end one, or all of them.
import { z } from "zod";

import type { AuditActionName } from "@/lib/audit/actions-catalog";
import { recordAudit } from "@/lib/audit/service";
import { defineAction } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { revokeAllSessions, revokeSession } from "@/lib/auth/sessions";
import { UserFacingError } from "@/lib/errors";
import { localized } from "@/lib/i18n/scope";

function adminOf(ctx: OrgContext): string {
  if (!ctx.actor.id) throw new UserFacingError(localized((t) => t("auth.sessions.onlyAdmins")));
  return ctx.actor.id;
}

/** Sessions belong to the admin, not to an organization: recorded in the portal-wide log. */
async function record(ctx: OrgContext, action: AuditActionName, after: unknown) {
  await recordAudit({
    organizationId: null,
    actor: ctx.actor,
    action,
    target: { type: "session", id: ctx.actor.id, label: ctx.actor.label },
    after,
    outcome: "success",
  });
}

export const endSessionAction = defineAction({
  name: "session.end",
  permission: "account.manage",
  mutation: true,
  input: z.object({ id: z.string().min(1).max(100) }),
  revalidate: ["/settings"],
  handler: async (ctx, input) => {
    const ended = await revokeSession(input.id, "ended", adminOf(ctx));
    if (ended === 0) throw new UserFacingError(localized((t) => t("auth.sessions.alreadyEnded")));
    await record(ctx, "session.end", { ended: 1, current: input.id === ctx.actor.sessionId });
    return { current: input.id === ctx.actor.sessionId };
  },
});

export const endAllSessionsAction = defineAction({
  name: "session.end_all",
  permission: "account.manage",
  mutation: true,
  input: z.object({}).default({}),
  handler: async (ctx) => {
    const ended = await revokeAllSessions(adminOf(ctx), "sign_out_everywhere");
    await record(ctx, "session.end_all", { ended });
    return { ended };
  },
});
