// next-auth v4 configuration: email + password, JWT sessions. The JWT carries the admin id and the
// id of a server-side session record (lib/auth/sessions.ts) that every request checks; roles are
// read from the database on every request so a revoked role takes effect at once.
import "server-only";

import type { NextAuthOptions, RequestInternal } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";

import { authConfig } from "@/lib/auth/config";
import { clientIp, requestMeta } from "@/lib/auth/request";
import { createSession, revokeSession } from "@/lib/auth/sessions";
import { authenticateAdmin } from "@/lib/auth/sign-in";
import {
  authLogger,
  refuseIfPasswordSignInOff,
  signInCallback,
  ssoProviders,
  ssoTokenAdminId,
} from "@/lib/auth/sso/callbacks";
import { env } from "@/lib/env";
import { negotiateLocale } from "@/lib/i18n/locales";
import { runInLocale } from "@/lib/i18n/scope";

/** Address and agent of the sign-in request; none when next-auth runs outside a Next request. */
async function signInRequestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    return requestMeta(await headers());
  } catch {
    return { ip: null, userAgent: null };
  }
}

async function authorizeCredentials(
  credentials: Record<"email" | "password" | "code", string> | undefined,
  req: Pick<RequestInternal, "headers">,
) {
  if (!credentials?.email || !credentials.password) return null;
  await refuseIfPasswordSignInOff(credentials.email, req); // SSO (lib/auth/sso)
  const headers = new Headers(req?.headers as Record<string, string> | undefined);
  const ip = clientIp(headers);
  const userAgent = headers.get("user-agent");
  const admin = await authenticateAdmin({
    email: credentials.email,
    password: credentials.password,
    code: credentials.code,
    ip,
    userAgent,
  });
  if (!admin) return null;
  const sessionId = await createSession({ adminId: admin.id, ip, userAgent });
  return { ...admin, sessionId };
}

export const authOptions: NextAuthOptions = {
  // The cookie may live as long as the absolute session lifetime; the record decides before that.
  session: { strategy: "jwt", maxAge: authConfig().SESSION_MAX_HOURS * 3600 },
  pages: { signIn: "/signin", signOut: "/signout", error: "/signin" },
  secret: env().NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        // second factor (lib/mfa): sent again with email and password once the form asks for it
        code: { label: "Authentication code", type: "text" },
      },
      // Its refusals (throttled, password sign-in off) reach the form in the browser's language.
      // (Before sign-in there is no saved choice: the browser's Accept-Language decides.)
      authorize: (credentials, req) => {
        const headers = new Headers(req?.headers as Record<string, string> | undefined);
        const locale = negotiateLocale(headers.get("accept-language"));
        return runInLocale(locale, () => authorizeCredentials(credentials, req));
      },
    }),
    ...ssoProviders(), // OpenID Connect sign-in (lib/auth/sso)
  ],
  logger: authLogger,
  callbacks: {
    signIn: signInCallback,
    async jwt({ token, user, account, profile }) {
      const ssoAdmin = await ssoTokenAdminId(account, profile);
      if (typeof ssoAdmin === "string") {
        // An SSO sign-in gets its server-side session record like a password sign-in.
        const { ip, userAgent } = await signInRequestMeta();
        token.adminId = ssoAdmin;
        token.sid = await createSession({ adminId: ssoAdmin, ip, userAgent });
      } else if (user) {
        token.adminId = user.id;
        token.sid = (user as { sessionId?: string }).sessionId;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        adminId: typeof token.adminId === "string" ? token.adminId : undefined,
        sessionId: typeof token.sid === "string" ? token.sid : undefined,
      };
    },
  },
  events: {
    // Sign-out ends the record, so a copy of the cookie taken before is refused from now on.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(token.sid, "sign_out");
    },
  },
};
