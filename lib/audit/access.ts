// The audit reader's context for pages and route handlers: who is asking and which chains they
// may read (lib/audit/scope.ts). Pages use getPageContext(); route handlers call this.
import "server-only";

import type { AuditViewer } from "@/lib/audit/scope";
import type { OrgContext } from "@/lib/auth/context";
import { can, isRole } from "@/lib/auth/permissions";
import { currentAdmin, currentOrgContext } from "@/lib/auth/session";
import { listOrganizationsForAdmin } from "@/lib/organizations/service";

export type AuditReader =
  { ok: true; ctx: OrgContext; viewer: AuditViewer } | { ok: false; status: 401 | 403 };

export async function currentAuditReader(): Promise<AuditReader> {
  const admin = await currentAdmin();
  const ctx = admin ? await currentOrgContext() : null;
  if (!admin || !ctx || !ctx.actor.id) return { ok: false, status: 401 };
  if (!can(ctx.role, "audit.read")) return { ok: false, status: 403 };
  const rows = await listOrganizationsForAdmin(ctx.actor.id);
  const memberships = rows.flatMap((r) =>
    isRole(r.role) ? [{ organization: r.organization, role: r.role }] : [],
  );
  return { ok: true, ctx, viewer: { memberships, portalAdmin: admin.portalAdmin } };
}
