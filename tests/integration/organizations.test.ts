// An admin acts only in organizations where they hold a role: the organization cookie is a
// preference, never a grant.
import { describe, expect, it } from "vitest";

import { createAdmin } from "@/lib/admins/service";
import { isRole } from "@/lib/auth/permissions";
import { chooseOrganization } from "@/lib/auth/session";
import { ensureOrganization, listOrganizationsForAdmin, roleIn } from "@/lib/organizations/service";

describe("organization scoping", () => {
  it("picks the cookie's organization only when the admin holds a role there", async () => {
    const acme = await ensureOrganization({ ezeepId: "11111111-1111-4111-8111-111111111111", name: "Acme" });
    const globex = await ensureOrganization({
      ezeepId: "22222222-2222-4222-8222-222222222222",
      name: "Globex",
    });
    const initech = await ensureOrganization({
      ezeepId: "33333333-3333-4333-8333-333333333333",
      name: "Initech",
    });
    const admin = await createAdmin({
      email: "multi@example.test",
      name: "Multi",
      password: "a-long-password-1",
      roles: [
        { organizationId: globex.id, role: "auditor" },
        { organizationId: acme.id, role: "admin" },
      ],
    });
    const memberships = (await listOrganizationsForAdmin(admin.id)).flatMap((m) =>
      isRole(m.role) ? [{ organization: m.organization, role: m.role }] : [],
    );
    expect(memberships.map((m) => [m.organization.name, m.role])).toEqual([
      ["Acme", "admin"],
      ["Globex", "auditor"],
    ]);
    expect(chooseOrganization(memberships, globex.id)).toMatchObject({
      organization: { name: "Globex" },
      role: "auditor",
    });
    // A forged cookie naming an organization without a role falls back to the admin's own.
    expect(chooseOrganization(memberships, initech.id)).toMatchObject({
      organization: { name: "Acme" },
      role: "admin",
    });
    expect(chooseOrganization(memberships, undefined)).toMatchObject({ organization: { name: "Acme" } });
    expect(chooseOrganization([], acme.id)).toBeNull();

    expect(await roleIn(admin.id, globex.id)).toMatchObject({
      role: "auditor",
      organization: { name: "Globex" },
    });
    expect(await roleIn(admin.id, initech.id)).toBeNull();
  });
});
