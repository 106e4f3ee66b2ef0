// Portal-side fixtures for integration tests: an organization row for the simulator's org and
// an OrgContext per role, as lib/auth/session.ts would build it for a signed-in admin.
import { createAdmin } from "@/lib/admins/service";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/permissions";
import { ensureOrganization } from "@/lib/organizations/service";

export async function portalOrganization(ezeepId: string, name = "Acme Corp"): Promise<OrganizationRef> {
  return ensureOrganization({ ezeepId, name });
}

export async function contextFor(
  org: OrganizationRef,
  role: Role,
  email = `${role}@test.example`,
): Promise<OrgContext> {
  const admin = await createAdmin({
    email,
    name: `Test ${role}`,
    password: "test-password-123",
    roles: [{ organizationId: org.id, role }],
  });
  return {
    actor: {
      type: "admin",
      id: admin.id,
      label: admin.email,
      ip: "127.0.0.1",
      userAgent: "vitest",
      requestId: `req-${role}`,
    },
    organization: org,
    role,
  };
}
