// Resolves the signed-in admin and the organization they act on, for pages, server actions and
// route handlers. Every resolution checks the server-side session record (lib/auth/sessions.ts).
import "server-only";

import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { REQUESTED_PATH_HEADER, signInPathFor } from "@/lib/auth/callback-url";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { authOptions } from "@/lib/auth/options";
import { can, isRole, type Permission, type Role } from "@/lib/auth/permissions";
import { requestMeta } from "@/lib/auth/request";
import { checkSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { isLocale, type AppLocale } from "@/lib/i18n/locales";
import { totpEnrolmentRequired } from "@/lib/mfa/service";
import { listOrganizationsForAdmin } from "@/lib/organizations/service";

export const ORG_COOKIE = "portal_org";

export interface SignedInAdmin {
  id: string;
  email: string;
  name: string;
  /** May read the portal-wide audit log. */
  portalAdmin: boolean;
  /** The server-side session record this request belongs to. */
  sessionId: string;
  /** The admin's chosen language; null follows the browser. */
  locale: AppLocale | null;
}

export interface SessionClaims {
  adminId?: unknown;
  sessionId?: unknown;
}

/** The admin behind these JWT claims, or null when the session or the admin is no longer valid. */
export async function resolveAdmin(claims: SessionClaims | null): Promise<SignedInAdmin | null> {
  const { adminId, sessionId } = claims ?? {};
  if (typeof adminId !== "string" || typeof sessionId !== "string") return null;
  const admin = await db.admin.findUnique({ where: { id: adminId } });
  if (!admin || admin.disabledAt) return null;
  if (!(await checkSession(sessionId, admin.id))) return null;
  const locale = isLocale(admin.locale) ? admin.locale : null;
  return {
    id: admin.id,
    email: admin.email,
    name: admin.name,
    portalAdmin: admin.portalAdmin,
    sessionId,
    locale,
  };
}

export async function currentAdmin(): Promise<SignedInAdmin | null> {
  return resolveAdmin((await getServerSession(authOptions)) as SessionClaims | null);
}

export interface Membership {
  organization: OrganizationRef;
  role: Role;
}

/** Picks the organization from the cookie when the admin holds a role there, else the first one. */
export function chooseOrganization(
  memberships: Membership[],
  cookieValue: string | undefined,
): Membership | null {
  return memberships.find((m) => m.organization.id === cookieValue) ?? memberships[0] ?? null;
}

async function memberships(adminId: string): Promise<Membership[]> {
  const rows = await listOrganizationsForAdmin(adminId);
  return rows.flatMap((r) => (isRole(r.role) ? [{ organization: r.organization, role: r.role }] : []));
}

/** Client address, user agent and request id of the current request (trusted proxies only). */
export async function currentRequestMeta() {
  return requestMeta(await headers());
}

/** For server actions: null when signed out (the action then refuses). */
export async function currentOrgContext(): Promise<OrgContext | null> {
  const admin = await currentAdmin();
  if (!admin) return null;
  // The portal requires a second factor and this admin has none yet: no actions until enrolled.
  if (await totpEnrolmentRequired(admin.id)) return null;
  const chosen = chooseOrganization(await memberships(admin.id), (await cookies()).get(ORG_COOKIE)?.value);
  if (!chosen) return null;
  const meta = requestMeta(await headers());
  return {
    actor: { type: "admin", id: admin.id, label: admin.email, sessionId: admin.sessionId, ...meta },
    organization: chosen.organization,
    role: chosen.role,
  };
}

export interface PageContext {
  admin: SignedInAdmin;
  memberships: Membership[];
  /** null when the admin holds no role in any organization. */
  current: OrgContext | null;
  can(permission: Permission): boolean;
}

/** For pages and layouts: redirects to the sign-in page (and back here afterwards) when signed out. */
export async function getPageContext(): Promise<PageContext> {
  const admin = await currentAdmin();
  if (!admin) redirect(signInPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  if (await totpEnrolmentRequired(admin.id)) redirect("/two-factor");
  const all = await memberships(admin.id);
  const chosen = chooseOrganization(all, (await cookies()).get(ORG_COOKIE)?.value);
  const meta = requestMeta(await headers());
  const current: OrgContext | null = chosen
    ? {
        actor: { type: "admin", id: admin.id, label: admin.email, sessionId: admin.sessionId, ...meta },
        organization: chosen.organization,
        role: chosen.role,
      }
    : null;
  return { admin, memberships: all, current, can: (permission) => can(current?.role, permission) };
}
