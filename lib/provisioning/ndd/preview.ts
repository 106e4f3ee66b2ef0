// Dry runs (`?dryRun=true`): what a request would change, read from ezeep and the database,
// changing nothing. Answered as 200 with a JSON summary (NDD documents no dry run; our shape).
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { planProvisioning, type GroupingInput, type Plan } from "@/lib/provisioning/engine";

import { changeOf, identitiesByKey } from "./identities";
import type { NddUser } from "./validate";

export interface UserPreview {
  user: string;
  action: "create_identity" | "update_identity" | "unchanged" | "waiting_email";
  ezeep: "add" | "member" | "invite" | "invited" | "none";
}

export async function previewUsers(
  ctx: OrgContext,
  clientKey: string,
  users: NddUser[],
  groupings: (Omit<GroupingInput, "users"> & { users: NddUser[] })[] = [],
): Promise<{ plan: Plan; users: UserPreview[] }> {
  const all = new Map<string, NddUser>();
  for (const u of [...users, ...groupings.flatMap((g) => g.users)]) if (!all.has(u.key)) all.set(u.key, u);
  const rows = await identitiesByKey(ctx.organization.id, clientKey, [...all.keys()]);
  const emailOf = (u: NddUser) => u.email ?? rows.get(u.key)?.email ?? null;
  const input = (list: NddUser[]) =>
    list.flatMap((u) => (emailOf(u) ? [{ ref: u.ref, email: emailOf(u)! }] : []));
  const plan = await planProvisioning(
    ctx,
    groupings.map((g) => ({
      name: g.name,
      ...(g.description !== undefined ? { description: g.description } : {}),
      users: input(g.users),
    })),
    { readMemberships: true, ungrouped: input(users) },
  );
  const ezeepByRef = new Map<string, UserPreview["ezeep"]>();
  for (const p of plan.users) {
    const action = p.action === "unknown" ? "add" : p.action;
    if (ezeepByRef.get(p.ref) !== "add") ezeepByRef.set(p.ref, action);
  }
  const previews = [...all.values()].map((u): UserPreview => {
    const row = rows.get(u.key);
    let action: UserPreview["action"] = "unchanged";
    if (!emailOf(u)) action = "waiting_email";
    else if (!row) action = "create_identity";
    else if (changeOf(row, u)) action = "update_identity";
    return { user: u.ref, action, ezeep: ezeepByRef.get(u.ref) ?? "none" };
  });
  return { plan, users: previews };
}
