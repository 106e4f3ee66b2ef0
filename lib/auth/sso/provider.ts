// next-auth 4's generic OAuth provider in OpenID Connect mode: discovery from the issuer, the ID
// token validated by openid-client (signature, issuer, audience, expiry, nonce), PKCE and state.
import "server-only";

import type { OAuthConfig } from "next-auth/providers/oauth";

import { SSO_PROVIDER_ID, ssoConfig } from "@/lib/auth/sso/config";

export type IdTokenClaims = Record<string, unknown> & { sub: string };

export function ssoProviders(): OAuthConfig<IdTokenClaims>[] {
  const config = ssoConfig();
  if (!config) return [];
  return [
    {
      id: SSO_PROVIDER_ID,
      name: config.name,
      type: "oauth",
      wellKnown: `${config.issuer}/.well-known/openid-configuration`,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
      profile(claims) {
        const email = typeof claims.email === "string" ? claims.email : null;
        const name = typeof claims.name === "string" ? claims.name : email;
        return { id: claims.sub, email, name };
      },
    },
  ];
}
