// After a lost answer (docs/ezeep.md, unknown outcomes): reads a group back from ezeep — by name
// after a create, by id after an update or delete (a deleted group's 404) — and says whether the
// change landed.
import "server-only";

import { objectOf, registerReconciler, type UnknownChange } from "@/lib/audit/reconcilers";
import type { OrgContext } from "@/lib/auth/context";
import { nullIfNotFound, type Group } from "@/lib/ezeep";
import { auditSnapshot, groupsNamed, toGroupView } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";

function groupById(ctx: OrgContext, id: string): Promise<Group | null> {
  return nullIfNotFound(ezeepFor(ctx.organization).groups.get(id));
}

/** Create: applied when a group of that name exists (the portal never makes a second one). */
async function reconcileCreate(ctx: OrgContext, change: UnknownChange) {
  const name = String(objectOf(change.intended)?.name ?? change.targetLabel ?? "");
  const [found] = await groupsNamed(ctx, name);
  if (!found) return { applied: false as const, observed: { name, found: "no group of this name" } };
  const view = toGroupView(found);
  return {
    applied: true as const,
    result: view,
    observed: auditSnapshot(view),
    targetId: view.id,
    targetLabel: view.name,
  };
}

/** Update: applied when the group shows every intended field. */
async function reconcileUpdate(ctx: OrgContext, change: UnknownChange) {
  const found = change.targetId ? await groupById(ctx, change.targetId) : null;
  if (!found) return { applied: false as const, observed: { found: "the group no longer exists" } };
  const view = toGroupView(found);
  const intended = objectOf(change.intended) ?? {};
  const applied = view.name === intended.name && view.description === intended.description;
  if (!applied) return { applied: false as const, observed: auditSnapshot(view) };
  return { applied: true as const, result: view, observed: auditSnapshot(view), targetLabel: view.name };
}

/** Delete: applied when ezeep answers 404 for the group. */
async function reconcileDelete(ctx: OrgContext, change: UnknownChange) {
  const found = change.targetId ? await groupById(ctx, change.targetId) : null;
  if (found) return { applied: false as const, observed: auditSnapshot(toGroupView(found)) };
  const result = { id: change.targetId ?? "", name: change.targetLabel ?? "" };
  return { applied: true as const, result, observed: { found: "ezeep answers 404: deleted" } };
}

registerReconciler("group.create", reconcileCreate);
registerReconciler("group.update", reconcileUpdate);
registerReconciler("group.delete", reconcileDelete);
