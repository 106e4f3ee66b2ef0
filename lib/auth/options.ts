// next-auth v4 configuration: email + password, JWT sessions. The JWT only carries the admin id;
// roles are read from the database on every request so a revoked role takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { clientIp } from "@/lib/auth/request";
import { authenticateAdmin } from "@/lib/auth/sign-in";
import {
  authLogger,
  refuseIfPasswordSignInOff,
  signInCallback,
  ssoProviders,
  ssoTokenAdminId,
} from "@/lib/auth/sso/callbacks";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin", signOut: "/signout", error: "/signin" },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        await refuseIfPasswordSignInOff(credentials.email, req); // SSO (lib/auth/sso)
        const headers = new Headers(req?.headers as Record<string, string> | undefined);
        return authenticateAdmin({
          email: credentials.email,
          password: credentials.password,
          ip: clientIp(headers),
          userAgent: headers.get("user-agent"),
        });
      },
    }),
    ...ssoProviders(), // OpenID Connect sign-in (lib/auth/sso)
  ],
  logger: authLogger,
  callbacks: {
    signIn: signInCallback,
    async jwt({ token, user, account, profile }) {
      const ssoAdmin = await ssoTokenAdminId(account, profile);
      if (ssoAdmin !== undefined) token.adminId = ssoAdmin;
      else if (user) token.adminId = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, adminId: typeof token.adminId === "string" ? token.adminId : undefined };
    },
  },
};
