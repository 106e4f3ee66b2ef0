// After a lost answer (docs/ezeep.md, unknown outcomes): reads the partner API back and says
// whether an organization create or delete landed.
// - Create: ezeep does not document unique organization names. Applied when exactly one partner
//   organization of that name exists that the portal does not manage yet (it is registered then,
//   its creator as owner); none = not applied; several = ezeep cannot show which one it was.
// - Delete: applied when ezeep answers 404 for the organization (the portal then forgets it).
import "server-only";

import { objectOf, registerReconciler, type Observation, type UnknownChange } from "@/lib/audit/reconcilers";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { EzeepError, type Organization } from "@/lib/ezeep";
import { forgetEzeepClient, partnerClient } from "@/lib/organizations/connections";

/** Registers an organization ezeep created in the portal, its creator (an admin) as owner. */
export async function registerCreated(
  created: Organization,
  creatorId: string | null,
): Promise<OrganizationRef> {
  const org = await db.organization.upsert({
    where: { ezeepId: created.id },
    update: { name: created.name },
    create: { ezeepId: created.id, name: created.name },
  });
  const admin = creatorId
    ? await db.admin.findUnique({ where: { id: creatorId }, select: { id: true } })
    : null;
  if (admin)
    await db.role.upsert({
      where: { adminId_organizationId: { adminId: admin.id, organizationId: org.id } },
      update: { role: "owner" },
      create: { adminId: admin.id, organizationId: org.id, role: "owner" },
    });
  return { id: org.id, ezeepId: org.ezeepId, name: org.name, connection: org.connection };
}

async function reconcileCreate(_ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const intended = objectOf(change.intended) ?? {};
  const name = String(intended.name ?? change.targetLabel ?? "");
  const named = (await partnerClient().organizations.all()).filter((o) => o.name === name);
  const known = await db.organization.findMany({
    where: { ezeepId: { in: named.map((o) => o.id) } },
    select: { ezeepId: true },
  });
  const managed = new Set(known.map((k) => k.ezeepId));
  const fresh = named.filter((o) => !managed.has(o.id));
  const observed = { name, unmanagedOfThisName: fresh.map((o) => o.id), managedOfThisName: managed.size };
  if (fresh.length === 0) return { applied: false, observed };
  if (fresh.length > 1)
    return {
      applied: null,
      observed,
      reason: "several organizations of this name exist that the portal does not manage",
    };
  const ref = await registerCreated(fresh[0], change.actor.id);
  const result = ref;
  return {
    applied: true,
    result,
    observed: { ...observed, ezeepId: ref.ezeepId },
    targetId: ref.id,
    targetLabel: ref.name,
  };
}

async function reconcileDelete(_ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const before = objectOf(change.before) ?? {};
  const ezeepId = String(before.ezeepId ?? "");
  try {
    const org = await partnerClient().organizations.get(ezeepId);
    return { applied: false, observed: { name: org.name, ezeepId: org.id } };
  } catch (err) {
    if (!(err instanceof EzeepError && err.status === 404)) throw err;
  }
  const gone = await db.organization.findUnique({ where: { ezeepId } });
  if (gone) {
    await db.organization.delete({ where: { id: gone.id } });
    forgetEzeepClient(gone.id);
  }
  const result = { name: String(before.name ?? change.targetLabel ?? "") };
  return { applied: true, result, observed: { found: "ezeep answers 404: the organization is deleted" } };
}

registerReconciler("organization.create", reconcileCreate);
registerReconciler("organization.delete", reconcileDelete);
