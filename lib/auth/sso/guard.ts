// Refuses (and audits) a password sign-in while owners have turned password sign-in off.
import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { clientIp } from "@/lib/auth/request";
import { passwordSignInAllowed } from "@/lib/auth/sso/settings";
import { localized } from "@/lib/i18n/scope";

export async function refuseIfPasswordSignInOff(email: string, req: { headers?: unknown } | undefined) {
  if (await passwordSignInAllowed()) return;
  const headers = new Headers(req?.headers as Record<string, string> | undefined);
  const label = email.trim().toLowerCase();
  await recordAudit({
    organizationId: null,
    actor: { type: "admin", id: null, label, ip: clientIp(headers), userAgent: headers.get("user-agent") },
    action: "admin.sign_in",
    target: { type: "admin", label },
    after: { method: "password" },
    outcome: "failure",
    error: "password sign-in is turned off",
  });
  throw new Error(localized((t) => t("auth.signIn.passwordOff")));
}
