// Partner API (docs/ezeep.md#organizations): list, create and delete ezeep organizations with the
// portal's own client credentials (which must be a partner client). Every change is audited;
// a created organization is registered in the portal with its creator as owner.
import "server-only";

import { audited } from "@/lib/audit/service";
import { settleEarlierAttempts } from "@/lib/audit/unknown";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { translator } from "@/lib/i18n/server";
import { forgetEzeepClient, partnerClient } from "@/lib/organizations/connections";
import { registerCreated } from "@/lib/organizations/reconcile";
import type { CreatePartnerOrganizationInput } from "@/lib/organizations/schemas";

export { partnerClient } from "@/lib/organizations/connections";

export interface PartnerOrganizationView {
  ezeepId: string;
  name: string;
  currency: string | null;
  /** The portal's organization id when the portal manages it. */
  portalId: string | null;
  /** The viewing admin's role there, if any. */
  role: string | null;
}

export async function listPartnerOrganizations(ctx: OrgContext): Promise<PartnerOrganizationView[]> {
  const orgs = await partnerClient().organizations.all();
  const known = await db.organization.findMany({
    where: { ezeepId: { in: orgs.map((o) => o.id) } },
    include: { roles: { where: { adminId: ctx.actor.id ?? "" } } },
  });
  const byEzeep = new Map(known.map((k) => [k.ezeepId, k]));
  return (
    orgs
      .map((o) => {
        const k = byEzeep.get(o.id);
        return {
          ezeepId: o.id,
          name: o.name,
          currency: o.currency_code ?? null,
          portalId: k?.id ?? null,
          role: k?.roles[0]?.role ?? null,
        };
      })
      // Only organizations the viewer holds a role in: the partner client controls every customer's
      // organization, and an owner of one must not learn the names of the others.
      .filter((o) => o.role !== null)
      .sort((a, b) => a.name.localeCompare(b.name))
  );
}

export async function createPartnerOrganization(
  ctx: OrgContext,
  input: CreatePartnerOrganizationInput,
): Promise<OrganizationRef> {
  const expire = new Date(Date.now() + 14 * 86_400_000);
  // A retry after a lost answer: the organization the earlier attempt made is the result, not a second one.
  const earlier = await settleEarlierAttempts(ctx.organization, "organization.create", input.name);
  if (earlier.applied > 0) {
    const made = await db.organization.findFirst({
      where: { name: input.name },
      orderBy: { createdAt: "desc" },
    });
    if (made) return { id: made.id, ezeepId: made.ezeepId, name: made.name, connection: made.connection };
  }
  return audited(ctx, {
    action: "organization.create",
    target: { type: "organization", label: input.name },
    intended: { name: input.name, currency: input.currency, adminEmail: input.adminEmail },
    run: async () => {
      const created = await partnerClient().organizations.create({
        name: input.name,
        currency_code: input.currency,
        admin_user_invitation: {
          email: input.adminEmail,
          expire_date: expire,
          user: {
            first_name: input.adminFirstName,
            last_name: input.adminLastName,
            preferred_language: input.language,
          },
        },
      });
      const ref = await registerCreated(created, ctx.actor.type === "admin" ? ctx.actor.id : null);
      return {
        result: ref,
        after: { ezeepId: created.id, name: created.name, currency: input.currency },
        target: { type: "organization", id: ref.id, label: ref.name },
      };
    },
  });
}

/**
 * Deletes an ezeep organization and everything the portal keeps for it. Only an owner of that
 * organization may, and only after typing its exact name. The audit entry is written in the
 * deleted organization's log (entries outlive it) and in the log of the organization acted from.
 */
export async function deletePartnerOrganization(
  ctx: OrgContext,
  input: { id: string; confirmName: string },
): Promise<{ name: string }> {
  const org = await db.organization.findUnique({ where: { id: input.id } });
  const role =
    org && ctx.actor.id
      ? await db.role.findUnique({
          where: { adminId_organizationId: { adminId: ctx.actor.id, organizationId: org.id } },
        })
      : null;
  const t = await translator("organizations");
  if (!org || role?.role !== "owner") throw new UserFacingError(t("errors.onlyOwnerDelete"));
  if (input.confirmName.trim() !== org.name) {
    throw new UserFacingError(t("errors.typeNameExactly"), {
      confirmName: [t("errors.typeNameField", { name: org.name })],
    });
  }
  const target = { type: "organization", id: org.id, label: org.name };
  const inTarget: OrgContext = {
    ...ctx,
    organization: { id: org.id, ezeepId: org.ezeepId, name: org.name, connection: org.connection },
    role: "owner",
  };
  const run = async () => {
    await partnerClient().organizations.delete(org.ezeepId);
    await db.organization.delete({ where: { id: org.id } });
    forgetEzeepClient(org.id);
    return { result: { name: org.name }, after: { deleted: true } };
  };
  if (ctx.organization.id === org.id)
    return audited(inTarget, {
      action: "organization.delete",
      target,
      before: { name: org.name, ezeepId: org.ezeepId },
      run,
    });
  return audited(ctx, {
    action: "organization.delete",
    target,
    before: { name: org.name, ezeepId: org.ezeepId },
    run: () =>
      audited(inTarget, {
        action: "organization.delete",
        target,
        before: { name: org.name, ezeepId: org.ezeepId },
        run,
      }).then((r) => ({ result: r })),
  });
}
