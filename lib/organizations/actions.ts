"use server";

// Switching the organization an admin works on. Not org-scoped itself: it checks that the admin
// holds a role in the target organization before remembering the choice.
import { cookies } from "next/headers";
import { z } from "zod";

import { defineAction, SIGNED_OUT_ERROR, type ActionResult, type RevalidateTarget } from "@/lib/auth/action";
import { currentAdmin, ORG_COOKIE } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n/server";
import {
  beginAuthorization,
  disconnectOrganization,
  OAUTH_COOKIE,
  OAUTH_COOKIE_PATH,
} from "@/lib/organizations/oauth";
import { createPartnerOrganization, deletePartnerOrganization } from "@/lib/organizations/partner";
import {
  createPartnerOrganizationSchema,
  deletePartnerOrganizationSchema,
} from "@/lib/organizations/schemas";
import { roleIn } from "@/lib/organizations/service";

const switchSchema = z.object({ organizationId: z.string().min(1).max(100) });

export async function switchOrganizationAction(raw: {
  organizationId: string;
}): Promise<ActionResult<{ name: string }>> {
  const admin = await currentAdmin();
  if (!admin) return { ok: false, error: SIGNED_OUT_ERROR };
  const t = await translator("organizations");
  const parsed = switchSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: t("errors.chooseOrganization") };
  const membership = await roleIn(admin.id, parsed.data.organizationId);
  if (!membership) return { ok: false, error: t("errors.noRole") };
  (await cookies()).set(ORG_COOKIE, membership.organization.id, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  return { ok: true, data: { name: membership.organization.name } };
}

// ---------------------------------------------------------------------------------------------
// Connecting by authorization code (lib/organizations/oauth.ts)

/** Pages that show what these actions change. */
const ORGANIZATION_PAGES: RevalidateTarget[] = [["/", "layout"]];

/** Starts "Connect with ezeep": remembers state + PKCE verifier in an encrypted cookie, returns the authorize URL. */
export const connectOrganizationAction = defineAction({
  name: "organization.connect",
  permission: "organizations.manage",
  mutation: true,
  input: z.object({}).default({}),
  handler: async (ctx) => {
    const started = beginAuthorization(ctx);
    try {
      (await cookies()).set(OAUTH_COOKIE, started.cookieValue, {
        httpOnly: true,
        sameSite: "lax",
        secure: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
        path: OAUTH_COOKIE_PATH,
        maxAge: started.maxAgeSeconds,
      });
    } catch {
      // Outside a Next request (tests) there is no cookie jar; the caller gets the URL only.
    }
    return { url: started.url };
  },
});

export const disconnectOrganizationAction = defineAction({
  name: "organization.disconnect",
  permission: "organizations.manage",
  mutation: true,
  revalidate: ORGANIZATION_PAGES,
  input: z.object({}).default({}),
  handler: async (ctx) => {
    const done = await disconnectOrganization(ctx);
    return done;
  },
});

// ---------------------------------------------------------------------------------------------
// Partner API: organizations (lib/organizations/partner.ts)

export const createPartnerOrganizationAction = defineAction({
  name: "organization.create",
  permission: "organizations.manage",
  mutation: true,
  revalidate: ORGANIZATION_PAGES,
  input: createPartnerOrganizationSchema,
  handler: async (ctx, input) => {
    const org = await createPartnerOrganization(ctx, input);
    return { id: org.id, name: org.name, ezeepId: org.ezeepId };
  },
});

export const deletePartnerOrganizationAction = defineAction({
  name: "organization.delete",
  permission: "organizations.manage",
  mutation: true,
  revalidate: ORGANIZATION_PAGES,
  input: deletePartnerOrganizationSchema,
  handler: async (ctx, input) => {
    const done = await deletePartnerOrganization(ctx, input);
    return done;
  },
});
