// Which language this request is answered in: the signed-in admin's choice (Settings →
// Language), else the browser's Accept-Language, else English. Outside a request (jobs,
// scripts, tests calling services directly) it is English.
import "server-only";

import { headers } from "next/headers";
import { cache } from "react";

import { db } from "@/lib/db";
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type AppLocale } from "@/lib/i18n/locales";

async function preferredLocaleOfSignedInAdmin(): Promise<AppLocale | null> {
  // Loaded only inside a request: command-line scripts that reach a translated message never
  // load the sign-in configuration.
  const [{ getServerSession }, { authOptions }] = await Promise.all([
    import("next-auth"),
    import("@/lib/auth/options"),
  ]);
  const claims = (await getServerSession(authOptions)) as { adminId?: unknown } | null;
  if (typeof claims?.adminId !== "string") return null;
  const admin = await db.admin.findUnique({ where: { id: claims.adminId }, select: { locale: true } });
  return isLocale(admin?.locale) ? admin.locale : null;
}

async function resolve(): Promise<AppLocale> {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    return DEFAULT_LOCALE; // not inside a request
  }
  const preferred = await preferredLocaleOfSignedInAdmin().catch(() => null);
  return preferred ?? negotiateLocale(requestHeaders.get("accept-language"));
}

/** Once per request (React's request cache), however many components ask. */
export const requestLocale = cache(resolve);
