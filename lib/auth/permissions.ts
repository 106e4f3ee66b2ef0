// The one permission matrix. Every server action and route handler names one permission;
// a role not listed for it is denied (deny by default).
export const ROLES = ["owner", "admin", "helpdesk", "auditor"] as const;
export type Role = (typeof ROLES)[number];

const everyone: readonly Role[] = ROLES;
const managers: readonly Role[] = ["owner", "admin"];

export const PERMISSIONS = {
  "dashboard.read": everyone,
  "groups.read": everyone,
  "groups.write": managers,
  "users.read": everyone,
  "users.write": managers,
  "users.delete": managers,
  "memberships.write": managers,
  "invitations.read": everyone,
  "invitations.write": ["owner", "admin", "helpdesk"],
  "printers.read": everyone,
  "printers.write": managers,
  "connectors.read": everyone,
  "drivers.read": everyone,
  "audit.read": everyone,
  "audit.drift_run": ["owner", "auditor"],
  "organizations.read": everyone,
  "organizations.manage": ["owner"],
  "settings.read": ["owner", "admin", "auditor"],
  "settings.manage": ["owner"],
  /** One's own sign-in sessions (Settings → Sessions); changes nothing in any organization. */
  "account.manage": everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  const allowed: readonly Role[] | undefined = PERMISSIONS[permission];
  return allowed?.includes(role) ?? false;
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  helpdesk: "Helpdesk",
  auditor: "Auditor (read-only)",
};
