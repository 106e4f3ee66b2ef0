// Groups of one organization: read from ezeep, changed through ezeep, every change audited.
//
// ezeep does not say whether group names are unique (docs/ezeep.md, groups). The portal never
// makes a second group of one name: a create (or rename) runs under a per-name lock, first
// settles what an earlier attempt with a lost answer made, then checks the name is free.
import "server-only";

import type { RecordedActionName } from "@/lib/audit/actions-catalog";
import { audited, recordAudit } from "@/lib/audit/service";
import { settleEarlierAttempts } from "@/lib/audit/unknown";
import type { OrgContext } from "@/lib/auth/context";
import { UserFacingError } from "@/lib/errors";
import { nullIfNotFound, type Group } from "@/lib/ezeep";
import type { ListGroupsQuery } from "@/lib/groups/schemas";
import { translator } from "@/lib/i18n/server";
import { withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/groups/reconcile";

import { byName } from "@/lib/sort";

export interface GroupView {
  id: string;
  name: string;
  description: string;
  origin: "ezeep" | "azure" | "other";
  originLabel: string;
  foreignId: string | null;
  members: number;
  printers: number;
  localPrintingEnabled: boolean;
  myPrintersEnabled: boolean;
}

const KNOWN_ORIGINS: Record<string, Pick<GroupView, "origin" | "originLabel">> = {
  ezeep: { origin: "ezeep", originLabel: "ezeep" },
  azure: { origin: "azure", originLabel: "Azure AD" },
};

export function toGroupView(group: Group): GroupView {
  const provider = group.origin?.provider ?? "Ezeep";
  return {
    id: group.id,
    name: group.name,
    description: group.description ?? "",
    ...(KNOWN_ORIGINS[provider.toLowerCase()] ?? { origin: "other", originLabel: provider }),
    foreignId: group.origin?.foreign_id ?? null,
    members: group.num_members ?? 0,
    printers: group.num_printers ?? 0,
    localPrintingEnabled: group.local_printing_enabled ?? false,
    myPrintersEnabled: group.myprinters_enabled ?? false,
  };
}

/** What the audit log keeps of a group: the fields a person edits or cares about. */
export function auditSnapshot(group: GroupView) {
  return { name: group.name, description: group.description, origin: group.originLabel };
}

export interface GroupPage {
  items: GroupView[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface GroupSummary {
  total: number;
  azure: number;
  memberships: number;
}

/** Counts over every group of the organization (for the overview). */
export async function summarizeGroups(ctx: OrgContext): Promise<GroupSummary> {
  const summary: GroupSummary = { total: 0, azure: 0, memberships: 0 };
  for await (const group of ezeepFor(ctx.organization).groups.iterate()) {
    const view = toGroupView(group);
    summary.total += 1;
    summary.azure += view.origin === "azure" ? 1 : 0;
    summary.memberships += view.members;
  }
  return summary;
}

/**
 * ezeep has no search on groups (docs/ezeep.md#groups), so the portal reads every page on the server
 * and filters there; the browser only ever receives one page of results.
 */
export async function listGroups(ctx: OrgContext, query: ListGroupsQuery): Promise<GroupPage> {
  const needle = query.q.toLowerCase();
  const all: GroupView[] = [];
  for await (const group of ezeepFor(ctx.organization).groups.iterate()) {
    const view = toGroupView(group);
    if (query.origin !== "all" && view.origin !== query.origin) continue;
    if (
      needle &&
      !view.name.toLowerCase().includes(needle) &&
      !view.description.toLowerCase().includes(needle)
    )
      continue;
    all.push(view);
  }
  all.sort(byName);
  const pageCount = Math.max(1, Math.ceil(all.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  return {
    items: all.slice(start, start + query.pageSize),
    total: all.length,
    page,
    pageSize: query.pageSize,
    pageCount,
  };
}

/** The group, or null when ezeep does not know it (in this organization). */
export async function findGroup(ctx: OrgContext, id: string): Promise<GroupView | null> {
  const group = await nullIfNotFound(ezeepFor(ctx.organization).groups.get(id));
  return group && toGroupView(group);
}

export async function getGroup(ctx: OrgContext, id: string): Promise<GroupView> {
  const group = await findGroup(ctx, id);
  if (!group) throw new UserFacingError((await translator("groups"))("errors.notFound"));
  return group;
}

/** Every group of the organization with exactly this name (ezeep may allow several). */
export async function groupsNamed(ctx: OrgContext, name: string): Promise<Group[]> {
  const all = await ezeepFor(ctx.organization).groups.all({ pageSize: 100 });
  return all.filter((g) => g.name === name);
}

function nameLockKey(ctx: OrgContext, name: string): string {
  return `group-name:${ctx.organization.id}:${name}`;
}

async function refuseTakenName(
  ctx: OrgContext,
  action: RecordedActionName,
  input: unknown,
  name: string,
): Promise<never> {
  const t = await translator("groups");
  await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action,
    target: { type: "group", label: name },
    after: { attemptedInput: input },
    outcome: "failure",
    error: "name already taken",
  });
  throw new UserFacingError(t("errors.nameTaken", { name }), { name: [t("errors.nameTakenField")] });
}

export async function createGroup(
  ctx: OrgContext,
  input: { name: string; description: string },
): Promise<GroupView> {
  return withKeyLock(nameLockKey(ctx, input.name), async () => {
    const earlier = await settleEarlierAttempts(ctx.organization, "group.create", input.name);
    const named = await groupsNamed(ctx, input.name);
    // A retry whose first attempt did create the group (its answer was lost): that group is the result.
    if (earlier.applied > 0 && named.length > 0) return toGroupView(named[0]);
    if (named.length > 0) return refuseTakenName(ctx, "group.create", input, input.name);
    return audited(ctx, {
      action: "group.create",
      target: { type: "group", label: input.name },
      intended: { name: input.name, description: input.description },
      run: async () => {
        const created = toGroupView(
          await ezeepFor(ctx.organization).groups.create({
            name: input.name,
            description: input.description,
            organization_id: ctx.organization.ezeepId,
          }),
        );
        return {
          result: created,
          after: auditSnapshot(created),
          target: { type: "group", id: created.id, label: created.name },
        };
      },
    });
  });
}

export async function updateGroup(
  ctx: OrgContext,
  input: { id: string; name: string; description: string },
): Promise<GroupView> {
  const before = await getGroup(ctx, input.id);
  if (before.origin === "azure" && input.name !== before.name) {
    const t = await translator("groups");
    throw new UserFacingError(t("errors.azureRename"), { name: [t("errors.azureRenameField")] });
  }
  const patch: { name?: string; description?: string } = {};
  if (input.name !== before.name) patch.name = input.name;
  if (input.description !== before.description) patch.description = input.description;
  if (Object.keys(patch).length === 0) return before;
  if (patch.name !== undefined)
    return withKeyLock(nameLockKey(ctx, patch.name), async () => {
      if ((await groupsNamed(ctx, patch.name!)).length > 0)
        return refuseTakenName(ctx, "group.update", input, patch.name!);
      return sendUpdate(ctx, before, patch);
    });
  return sendUpdate(ctx, before, patch);
}

async function sendUpdate(
  ctx: OrgContext,
  before: GroupView,
  patch: { name?: string; description?: string },
): Promise<GroupView> {
  return audited(ctx, {
    action: "group.update",
    target: { type: "group", id: before.id, label: before.name },
    before: auditSnapshot(before),
    intended: { ...auditSnapshot(before), ...patch },
    run: async () => {
      const updated = toGroupView(await ezeepFor(ctx.organization).groups.update(before.id, patch));
      return {
        result: updated,
        after: auditSnapshot(updated),
        target: { type: "group", id: updated.id, label: updated.name },
      };
    },
  });
}

export async function deleteGroup(
  ctx: OrgContext,
  input: { id: string },
): Promise<{ id: string; name: string }> {
  const before = await getGroup(ctx, input.id);
  return audited(ctx, {
    action: "group.delete",
    target: { type: "group", id: before.id, label: before.name },
    before: { ...auditSnapshot(before), members: before.members, printers: before.printers },
    run: async () => {
      await ezeepFor(ctx.organization).groups.delete(before.id);
      return { result: { id: before.id, name: before.name }, after: null };
    },
  });
}
