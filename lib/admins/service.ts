// Portal admins (the people who sign in to the portal) and their role per organization.
import "server-only";

import { z } from "zod";

import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";

export const newAdminSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(200),
  roles: z.array(z.object({ organizationId: z.string().min(1), role: z.enum(ROLES) })).default([]),
  /** May read the portal-wide audit log; left unchanged for an existing admin when omitted. */
  portalAdmin: z.boolean().optional(),
});
export type NewAdmin = z.input<typeof newAdminSchema>;

/** Creates an admin, or resets the password and adds roles when the email already exists. */
export async function createAdmin(input: NewAdmin) {
  const admin = newAdminSchema.parse(input);
  const passwordHash = await hashPassword(admin.password);
  return db.$transaction(async (tx) => {
    const row = await tx.admin.upsert({
      where: { email: admin.email },
      update: { name: admin.name, passwordHash, disabledAt: null, portalAdmin: admin.portalAdmin },
      create: { email: admin.email, name: admin.name, passwordHash, portalAdmin: admin.portalAdmin ?? false },
    });
    // A new password ends every session signed in with the old one.
    await tx.session.updateMany({
      where: { adminId: row.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: "password_changed" },
    });
    for (const { organizationId, role } of admin.roles) {
      await tx.role.upsert({
        where: { adminId_organizationId: { adminId: row.id, organizationId } },
        update: { role },
        create: { adminId: row.id, organizationId, role },
      });
    }
    return { id: row.id, email: row.email, name: row.name };
  });
}

/** Disables an admin: every session ends at once and sign-in is refused. */
export async function disableAdmin(adminId: string): Promise<void> {
  await db.admin.update({ where: { id: adminId }, data: { disabledAt: new Date() } });
  await revokeAllSessions(adminId, "disabled");
}

export async function countAdmins(): Promise<number> {
  return db.admin.count();
}

export async function setRole(adminId: string, organizationId: string, role: Role) {
  await db.role.upsert({
    where: { adminId_organizationId: { adminId, organizationId } },
    update: { role },
    create: { adminId, organizationId, role },
  });
}
