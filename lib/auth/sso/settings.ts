// Whether password sign-in is allowed (portal-wide). An owner may turn it off once SSO works: SSO
// must be configured and the owner must have signed in with SSO at least once, so nobody locks
// the portal by accident. PORTAL_PASSWORD_SIGNIN=force-on (environment) turns it back on when the
// identity provider is unreachable.
import { rawEnv } from "@/lib/env";

import "server-only";

import { recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { ssoConfig } from "@/lib/auth/sso/config";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { localized } from "@/lib/i18n/scope";

export const PASSWORD_OFF_MESSAGE = "Password sign-in is turned off for this portal. Use single sign-on.";

/** The owners' setting, without the environment override. */
async function storedPasswordSignIn(): Promise<boolean> {
  const row = await db.signInSettings.findUnique({ where: { id: "portal" } });
  return !row?.passwordSignInDisabled;
}

export async function passwordSignInAllowed(env: NodeJS.ProcessEnv = rawEnv()): Promise<boolean> {
  return env.PORTAL_PASSWORD_SIGNIN === "force-on" || storedPasswordSignIn();
}

export async function hasSignedInWithSso(adminId: string): Promise<boolean> {
  return (await db.adminSsoIdentity.count({ where: { adminId } })) > 0;
}

export interface SignInStatus {
  ssoConfigured: boolean;
  ssoName: string | null;
  passwordSignIn: boolean;
  youUsedSso: boolean;
}

export async function signInStatus(adminId: string): Promise<SignInStatus> {
  const config = ssoConfig();
  return {
    ssoConfigured: Boolean(config),
    ssoName: config?.name ?? null,
    passwordSignIn: await passwordSignInAllowed(),
    youUsedSso: await hasSignedInWithSso(adminId),
  };
}

function refusalReason(configured: boolean, usedSso: boolean): string | null {
  if (!configured) return localized((t) => t("auth.sso.notConfigured"));
  if (!usedSso) return localized((t) => t("auth.sso.useSsoFirst"));
  return null;
}

export async function setPasswordSignIn(ctx: OrgContext, input: { enabled: boolean }) {
  const before = await storedPasswordSignIn();
  const audit = (outcome: "success" | "failure", error: string | null = null) =>
    recordAudit({
      organizationId: null,
      actor: ctx.actor,
      action: "settings.password_sign_in",
      target: { type: "settings", id: "portal", label: "password sign-in" },
      before: { passwordSignIn: before },
      after: { passwordSignIn: input.enabled },
      outcome,
      error,
    });
  if (!input.enabled) {
    const reason = refusalReason(Boolean(ssoConfig()), await hasSignedInWithSso(ctx.actor.id ?? ""));
    if (reason) {
      await audit("failure", reason);
      throw new UserFacingError(reason);
    }
  }
  await db.signInSettings.upsert({
    where: { id: "portal" },
    create: { id: "portal", passwordSignInDisabled: !input.enabled, updatedById: ctx.actor.id },
    update: { passwordSignInDisabled: !input.enabled, updatedById: ctx.actor.id },
  });
  await audit("success");
  return { passwordSignIn: input.enabled };
}
