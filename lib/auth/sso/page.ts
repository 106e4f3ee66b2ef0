// What the sign-in page shows: the SSO button (when configured), the password form (unless
// owners turned it off), and the reason SSO sent someone back.
import "server-only";

import { ssoConfig } from "@/lib/auth/sso/config";
import { passwordSignInAllowed } from "@/lib/auth/sso/settings";
import { SSO_ERRORS } from "@/lib/auth/sso/sign-in";

export async function signInPageOptions(errorCode: string | undefined) {
  const config = ssoConfig();
  const known =
    errorCode && errorCode in SSO_ERRORS ? SSO_ERRORS[errorCode as keyof typeof SSO_ERRORS] : null;
  return {
    name: config?.name ?? null,
    // Without SSO a password sign-in is the only way in, whatever the setting says.
    passwordSignIn: !config || (await passwordSignInAllowed()),
    error: known ?? (errorCode ? "Sign-in failed. Try again." : null),
  };
}
