// After a lost answer (docs/ezeep.md, unknown outcomes): reads a user's groups back from ezeep
// and says whether a membership change landed — every added group there, every removed one gone.
// Also decides the invitation follow-up's group step, which writes memberships the same way.
import "server-only";

import { objectOf, registerReconciler, stringList, type UnknownChange } from "@/lib/audit/reconcilers";
import type { OrgContext } from "@/lib/auth/context";
import { ezeepFor } from "@/lib/organizations/service";
import { patchDirectory } from "@/lib/users/directory";

interface GroupLists {
  ids: string[];
  names: Map<string, string>;
}

/** `{groups: [names], groupIds: [ids]}` as the membership snapshots store them. */
function listsOf(value: unknown): GroupLists {
  const o = objectOf(value);
  const ids = stringList(o?.groupIds);
  const names = stringList(o?.groups);
  return { ids, names: new Map(ids.map((id, i) => [id, names[i] ?? id])) };
}

async function reconcileMembership(ctx: OrgContext, change: UnknownChange) {
  const userId = change.targetId ?? "";
  const before = listsOf(change.before);
  const intended = listsOf(change.intended);
  const added = intended.ids.filter((id) => !before.ids.includes(id));
  const removed = before.ids.filter((id) => !intended.ids.includes(id));
  const current = [
    ...new Set((await ezeepFor(ctx.organization).printingUsers.get(userId)).groups.map((g) => g.group_id)),
  ];
  const has = new Set(current);
  const name = (id: string) => intended.names.get(id) ?? before.names.get(id) ?? "Unknown group";
  const groups = current.map((id) => ({ id, name: name(id), azure: false }));
  const observed = { groups: groups.map((g) => g.name), groupIds: current };
  const applied = added.every((id) => has.has(id)) && removed.every((id) => !has.has(id));
  if (!applied) return { applied: false as const, observed };
  await patchDirectory(ctx.organization.id, { userId, groupIds: current });
  return { applied: true as const, result: { userId, changed: true, groups }, observed };
}

registerReconciler(
  ["membership.update", "membership.add", "membership.remove", "membership.bulk_add"],
  reconcileMembership,
);
// A domain rule writes a user's groups the same way and records the same snapshots.
registerReconciler("domain_rule.apply", reconcileMembership);
