// Which audit chains a viewer may read: every organization where their role has "audit.read",
// and the portal-wide entries (sign-ins, failed sign-ins, API-token failures: other admins' e-mails
// and IPs) only for portal admins (Admin.portalAdmin) — never by virtue of owning an organization.
// Deny by default.
import { PORTAL_CHAIN } from "@/lib/audit/chain";
import type { AuditScope } from "@/lib/audit/queries";
import type { OrganizationRef } from "@/lib/auth/context";
import { can, type Role } from "@/lib/auth/permissions";

export interface ScopeMembership {
  organization: OrganizationRef;
  role: Role | string;
}

/** Who is reading: their roles per organization and whether they are a portal admin. */
export interface AuditViewer {
  memberships: ScopeMembership[];
  portalAdmin: boolean;
}

export interface ScopeOption {
  value: string;
  label: string;
  organizationId: string | null;
}

export function auditScopeOptions({ memberships, portalAdmin }: AuditViewer): ScopeOption[] {
  const readable = memberships.filter((m) => can(m.role as Role, "audit.read"));
  const options: ScopeOption[] = readable.map((m) => ({
    value: m.organization.id,
    label: m.organization.name,
    organizationId: m.organization.id,
  }));
  if (portalAdmin === true) {
    options.push({ value: PORTAL_CHAIN, label: "Portal-wide (sign-ins)", organizationId: null });
  }
  return options;
}

/** The scope `requested` names if the viewer may read it; without a request, the current organization. */
export function resolveAuditScope(
  viewer: AuditViewer,
  currentOrganizationId: string,
  requested?: string,
): (AuditScope & { label: string; value: string }) | null {
  const options = auditScopeOptions(viewer);
  const option = options.find((o) => o.value === (requested ?? currentOrganizationId));
  return option ? { organizationId: option.organizationId, label: option.label, value: option.value } : null;
}

/** May the viewer read an entry of this organization (null = portal-wide)? */
export function canReadEntryOf(viewer: AuditViewer, organizationId: string | null): boolean {
  return auditScopeOptions(viewer).some((o) => o.organizationId === organizationId);
}

/** The viewer a page context describes. */
export function auditViewerOf(page: {
  memberships: ScopeMembership[];
  admin: { portalAdmin: boolean };
}): AuditViewer {
  return { memberships: page.memberships, portalAdmin: page.admin.portalAdmin };
}
