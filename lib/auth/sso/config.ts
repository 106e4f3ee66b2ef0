// OpenID Connect sign-in settings, read from the environment:
//   OIDC_ISSUER          the issuer URL (Entra ID: https://login.microsoftonline.com/<tenant>/v2.0,
//                        Google: https://accounts.google.com, Keycloak: https://<host>/realms/<realm>)
//   OIDC_CLIENT_ID       the portal's client id at the provider
//   OIDC_CLIENT_SECRET   its secret (stays on the server)
//   OIDC_NAME            button label: "Sign in with <OIDC_NAME>" (default "SSO")
//   OIDC_GROUPS_CLAIM    the ID-token claim listing the person's groups (default "groups")
//   OIDC_JIT_ROLE_MAP    optional just-in-time admin creation: entries "<group>=<role>@<organization>"
//                        separated by ";" or newlines; <organization> is the ezeep organization id
//                        or the portal's name for it; <role> is admin, helpdesk or auditor (never owner)
// SSO is on when the first three are set.
import "server-only";

import { isRole, type Role } from "@/lib/auth/permissions";
import { rawEnv } from "@/lib/env";

export const SSO_PROVIDER_ID = "oidc";

export interface JitMapping {
  group: string;
  role: Exclude<Role, "owner">;
  organization: string;
}

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  groupsClaim: string;
  jit: JitMapping[];
}

export class SsoConfigError extends Error {}

export function parseRoleMap(text: string | undefined): JitMapping[] {
  if (!text?.trim()) return [];
  return text
    .split(/[;\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(.+?)=([a-z]+)@(.+)$/.exec(entry);
      if (!match)
        throw new SsoConfigError(`OIDC_JIT_ROLE_MAP: "${entry}" is not <group>=<role>@<organization>.`);
      const [, group, role, organization] = match;
      if (!isRole(role) || role === "owner") {
        throw new SsoConfigError(
          `OIDC_JIT_ROLE_MAP: "${role}" is not a role SSO may grant (admin, helpdesk or auditor).`,
        );
      }
      return { group: group.trim(), role, organization: organization.trim() };
    });
}

/** The SSO settings, or null when SSO is not configured. Throws on a malformed role map. */
export function ssoConfig(env: NodeJS.ProcessEnv = rawEnv()): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim().replace(/\/+$/, "");
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    name: env.OIDC_NAME?.trim() || "SSO",
    groupsClaim: env.OIDC_GROUPS_CLAIM?.trim() || "groups",
    jit: parseRoleMap(env.OIDC_JIT_ROLE_MAP),
  };
}
