// Server actions on the signed-in admin's own account (their second factor). They are not about
// an organization, so they cannot go through defineAction (which needs a role in one): every
// admin — helpdesk, one with no organization yet, one the policy sends to enrolment — may call
// them for themselves. Same shape otherwise: session → zod → handler → { ok, data | error }, and
// refusals are audited.
import type { AuditActionName } from "@/lib/audit/actions-catalog";

import "server-only";

import { headers } from "next/headers";
import type { z } from "zod";

import { recordAudit } from "@/lib/audit/service";
import { fieldErrorsOf, toActionError, type ActionResult } from "@/lib/auth/action";
import { requestMeta } from "@/lib/auth/request";
import { localized, runInRequestLocale, scopeLocale } from "@/lib/i18n/scope";
import { safeParseIn } from "@/lib/i18n/validation";
import type { MfaActor } from "@/lib/mfa/service";

export interface PersonalActionDefinition<S extends z.ZodType, T> {
  /** Audit action name, e.g. "admin.totp.enable". */
  name: AuditActionName;
  input: S;
  handler: (actor: MfaActor, input: z.output<S>) => Promise<T>;
}

export function runPersonalAction<S extends z.ZodType, T>(def: PersonalActionDefinition<S, T>) {
  // In the request's language, like defineAction's actions.
  return async (actor: MfaActor | null, raw: unknown): Promise<ActionResult<T>> =>
    runInRequestLocale(() => checkAndRun(def, actor, raw));
}

async function checkAndRun<S extends z.ZodType, T>(
  def: PersonalActionDefinition<S, T>,
  actor: MfaActor | null,
  raw: unknown,
): Promise<ActionResult<T>> {
  if (!actor) return { ok: false, error: localized((t) => t("errors.signedOut")) };
  const parsed = safeParseIn(def.input, raw, scopeLocale());
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const error = Object.values(fieldErrors)
      .map((m) => m[0])
      .join(" ");
    await recordAudit({
      organizationId: null,
      actor,
      action: def.name,
      target: { type: "admin", id: actor.id, label: actor.label },
      outcome: "failure",
      error: `invalid input: ${error}`.slice(0, 500),
    });
    return { ok: false, error, fieldErrors };
  }
  try {
    return { ok: true, data: await def.handler(actor, parsed.data) };
  } catch (err) {
    return toActionError(err, actor.requestId);
  }
}

/** The signed-in admin as an audit actor, or null when signed out. */
async function currentActor(): Promise<MfaActor | null> {
  const { currentAdmin } = await import("@/lib/auth/session");
  const admin = await currentAdmin();
  if (!admin) return null;
  return { type: "admin", id: admin.id, label: admin.email, ...requestMeta(await headers()) };
}

export function definePersonalAction<S extends z.ZodType, T>(def: PersonalActionDefinition<S, T>) {
  const invoke = runPersonalAction(def);
  return async (raw: z.input<S>): Promise<ActionResult<T>> => invoke(await currentActor(), raw);
}
