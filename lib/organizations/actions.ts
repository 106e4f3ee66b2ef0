"use server";
// Switching the organization an admin works on. Not org-scoped itself: it checks that the admin
// holds a role in the target organization before remembering the choice.
import { cookies } from "next/headers";
import { z } from "zod";
import { currentAdmin, ORG_COOKIE } from "@/lib/auth/session";
import { SIGNED_OUT_ERROR, type ActionResult } from "@/lib/auth/action";
import { roleIn } from "@/lib/organizations/service";

const switchSchema = z.object({ organizationId: z.string().min(1).max(100) });

export async function switchOrganizationAction(raw: { organizationId: string }): Promise<ActionResult<{ name: string }>> {
  const admin = await currentAdmin();
  if (!admin) return { ok: false, error: SIGNED_OUT_ERROR };
  const parsed = switchSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "Choose an organization." };
  const membership = await roleIn(admin.id, parsed.data.organizationId);
  if (!membership) return { ok: false, error: "You have no role in that organization." };
  (await cookies()).set(ORG_COOKIE, membership.organization.id, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  return { ok: true, data: { name: membership.organization.name } };
}
