// What the sign-in page shows: the SSO button (when configured), the password form (unless
// owners turned it off), and the reason SSO sent someone back.
import "server-only";

import { ssoConfig } from "@/lib/auth/sso/config";
import { passwordSignInAllowed } from "@/lib/auth/sso/settings";
import { SSO_ERRORS, type SsoErrorCode } from "@/lib/auth/sso/sign-in";
import { translator } from "@/lib/i18n/server";

export async function signInPageOptions(errorCode: string | undefined) {
  const config = ssoConfig();
  const t = await translator("auth");
  const known = errorCode && errorCode in SSO_ERRORS ? t(`sso.errors.${errorCode as SsoErrorCode}`) : null;
  return {
    name: config?.name ?? null,
    // Without SSO a password sign-in is the only way in, whatever the setting says.
    passwordSignIn: !config || (await passwordSignInAllowed()),
    error: known ?? (errorCode ? t("signIn.failed") : null),
  };
}
