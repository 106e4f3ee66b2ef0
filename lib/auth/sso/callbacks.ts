// The few hooks lib/auth/options.ts hands to next-auth for OpenID Connect sign-in.
import "server-only";

import type { Account, Profile } from "next-auth";

import { SSO_PROVIDER_ID } from "@/lib/auth/sso/config";
import { auditSsoCallbackError, ssoAdminId, ssoSignIn } from "@/lib/auth/sso/sign-in";

export { refuseIfPasswordSignInOff } from "@/lib/auth/sso/guard";
export { ssoProviders } from "@/lib/auth/sso/provider";

/** signIn callback: passwords are checked by their provider; SSO people are matched here. */
export async function signInCallback(params: { account: Account | null; profile?: Profile }) {
  if (params.account?.provider !== SSO_PROVIDER_ID) return true;
  return ssoSignIn({ claims: { ...params.profile }, subject: params.account.providerAccountId });
}

/** The admin id an SSO sign-in carries into the session token (undefined: not an SSO sign-in). */
export async function ssoTokenAdminId(
  account: Account | null,
  profile?: Profile,
): Promise<string | null | undefined> {
  if (account?.provider !== SSO_PROVIDER_ID) return undefined;
  return ssoAdminId((profile as { iss?: unknown } | undefined)?.iss, account.providerAccountId);
}

export const authLogger = {
  error(code: string, metadata: unknown) {
    console.error(`[next-auth][error][${code}]`, metadata);
    void auditSsoCallbackError(code, metadata);
  },
};
