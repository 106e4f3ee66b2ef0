// POST /v1/groups/users-sync — full sync of groupings: the listed groupings are upserted as by
// /v1/groups/users; users no longer listed in a grouping are removed from its ezeep group
// (membership writes re-read under the per-user lock); groupings of this Client missing from the
// payload are deleted in ezeep only if the portal created them through NDD (otherwise the portal
// just forgets them). Every removal has its own audit entry; the mass-removal guard runs first.
import "server-only";

import { z } from "zod";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { deleteGroup } from "@/lib/groups/service";
import { messageOf } from "@/lib/provisioning/engine";
import { mapPool } from "@/lib/provisioning/pool";

import { clientKey } from "./clients";
import { countsOf, groupingErrors, upsertGroupings, withGroupingLocks } from "./groupings";
import { fieldErrors, json, problem, type NddEndpoint, type NddRequest } from "./http";
import { previewUsers } from "./preview";
import { guardMessage, removeMember, type MemberRemoval } from "./removals";
import { exceedsGuard, massRemovalPercent } from "./settings";
import { MESSAGES, obj, validateGroupings, type NddGroupError, type NddGrouping } from "./validate";

export const NDD_SYNC_MAX_GROUPINGS = 50;
const INSTANCE = "/v1/groups/users-sync";

const bodySchema = z.object({
  Groups: z
    .array(z.unknown(), { error: "Groups is required." })
    .max(NDD_SYNC_MAX_GROUPINGS, `At most ${NDD_SYNC_MAX_GROUPINGS} groupings per sync.`),
  AllowMassRemoval: z.boolean({ error: "AllowMassRemoval must be true or false." }).optional(),
});

type StoredGrouping = { id: string; name: string; ezeepGroupId: string; createdByNdd: boolean };

interface SyncPlan {
  members: MemberRemoval[];
  groupings: StoredGrouping[];
  refusals: string[];
}

async function planRemovals(
  orgId: string,
  key: string,
  sent: string[],
  valid: NddGrouping[],
  allow: boolean,
): Promise<SyncPlan> {
  const percent = await massRemovalPercent(orgId);
  const stored = await db.nddGrouping.findMany({
    where: { organizationId: orgId, clientKey: key },
    include: { members: { include: { identity: true } } },
  });
  const sentNames = new Set(sent);
  const members: MemberRemoval[] = [];
  const refusals: string[] = [];
  for (const v of valid) {
    const row = stored.find((s) => s.name === v.name);
    if (!row) continue;
    const listed = new Set(v.users.map((u) => u.key));
    const gone = row.members.filter((m) => !listed.has(m.identity.userKey));
    if (!allow && exceedsGuard(gone.length, row.members.length, percent))
      refusals.push(
        `Grouping "${v.name}": ${guardMessage(`${gone.length} of ${row.members.length} members`, gone.length / row.members.length, percent)}`,
      );
    for (const m of gone) {
      const i = m.identity;
      members.push({
        groupingId: row.id,
        ezeepGroupId: row.ezeepGroupId,
        groupName: row.name,
        identityId: i.id,
        ref: `${i.domain}//${i.logon}`,
        email: i.email,
        state: i.state,
        ezeepUserId: i.ezeepUserId,
      });
    }
  }
  const groupings = stored.filter((s) => !sentNames.has(s.name));
  if (!allow && exceedsGuard(groupings.length, stored.length, percent))
    refusals.push(
      guardMessage(
        `${groupings.length} of ${stored.length} groupings`,
        groupings.length / stored.length,
        percent,
      ),
    );
  return { members, groupings, refusals };
}

async function removeGrouping(ctx: OrgContext, g: StoredGrouping): Promise<void> {
  if (g.createdByNdd)
    await deleteGroup(ctx, { id: g.ezeepGroupId }).catch((err) => {
      if (!/not found|404/i.test(messageOf(err))) throw err; // gone already: just forget it
    });
  await audited(ctx, {
    action: "ndd.grouping_remove",
    target: { type: "ndd_grouping", id: g.id, label: g.name },
    before: { name: g.name, ezeepGroupId: g.ezeepGroupId, createdByNdd: g.createdByNdd },
    intended: { removed: true, ezeepGroupDeleted: g.createdByNdd },
    run: async () => {
      await db.nddGrouping.deleteMany({ where: { id: g.id, organizationId: ctx.organization.id } });
      return { result: undefined };
    },
  });
}

async function carryOut(
  ctx: OrgContext,
  client: string,
  valid: NddGrouping[],
  errors: (NddGroupError | null)[],
  plan: SyncPlan,
) {
  const outcome = await upsertGroupings(ctx, client, valid);
  const { list } = groupingErrors(errors, valid, outcome);
  const entryFor = (groupName: string) => {
    let e = list.find((x) => x.groupName === groupName);
    if (!e) list.push((e = { groupName, users: [], errorMessage: "" }));
    return e;
  };
  await mapPool(plan.members, 8, (m) =>
    removeMember(ctx, m).catch((err) =>
      entryFor(m.groupName).users.push({
        user: m.ref,
        errorMessage: `Could not be removed: ${messageOf(err)}`,
      }),
    ),
  );
  await mapPool(plan.groupings, 4, (g) =>
    removeGrouping(ctx, g).catch((err) => {
      entryFor(g.name).errorMessage = `The grouping could not be removed: ${messageOf(err)}`;
    }),
  );
  return {
    list,
    counts: {
      ...countsOf(outcome.result),
      membersRemoved: plan.members.length,
      groupingsRemoved: plan.groupings.length,
    },
  };
}

async function handle(request: NddRequest): Promise<Response> {
  const { ctx, body, refuse } = request;
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success)
    return refuse(
      problem(INSTANCE, 400, "BadRequest", "ValidationException", fieldErrors(parsed.error)),
      "invalid request body",
    );
  const { valid, errors } = validateGroupings(parsed.data.Groups, 1000);
  if (valid.length === 0 && parsed.data.Groups.length > 0)
    return refuse(
      problem(INSTANCE, 400, "BadRequest", "BusinessException", { "3400": [MESSAGES.allGroupsInvalid] }),
      MESSAGES.allGroupsInvalid,
    );
  const key = clientKey(request.client);
  const sent = parsed.data.Groups.map((g) => String(obj(g).GroupName ?? "").trim());
  const stored = await db.nddGrouping.findMany({
    where: { organizationId: ctx.organization.id, clientKey: key },
    select: { name: true },
  });
  const sync: CheckedSync = {
    request,
    key,
    sent,
    valid,
    errors,
    allowMassRemoval: parsed.data.AllowMassRemoval === true,
  };
  return withGroupingLocks(
    ctx.organization.id,
    [...valid.map((v) => v.name), ...stored.map((s) => s.name)],
    () => syncUnderLocks(sync),
  );
}

/** A validated sync request: the Client's key, the grouping names sent and the valid groupings. */
interface CheckedSync {
  request: NddRequest;
  key: string;
  sent: string[];
  valid: NddGrouping[];
  errors: (NddGroupError | null)[];
  allowMassRemoval: boolean;
}

/** Plans the removals with every grouping's lock held, then previews, refuses or carries out. */
async function syncUnderLocks(sync: CheckedSync): Promise<Response> {
  const { ctx, client, dryRun, refuse } = sync.request;
  const { key, valid, errors } = sync;
  const plan = await planRemovals(ctx.organization.id, key, sync.sent, valid, sync.allowMassRemoval);
  if (dryRun) return dryRunAnswer(ctx, sync, plan);
  if (plan.refusals.length > 0)
    return refuse(
      problem(INSTANCE, 400, "BadRequest", "MassRemovalRefused", { AllowMassRemoval: plan.refusals }),
      plan.refusals.join(" "),
    );
  return audited(ctx, {
    action: "ndd.groups_users_sync",
    target: { type: "api", label: `POST ${INSTANCE}` },
    intended: {
      client,
      groupings: valid.length,
      removeMembers: plan.members.length,
      removeGroupings: plan.groupings.map((g) => g.name),
    },
    run: async () => {
      const { list, counts } = await carryOut(ctx, client, valid, errors, plan);
      return { result: json(201, list), after: { status: 201, ...counts, errors: list.length } };
    },
  });
}

/** What the sync would do (?dryRun=true): nothing is written. */
async function dryRunAnswer(ctx: OrgContext, sync: CheckedSync, plan: SyncPlan): Promise<Response> {
  const preview = await previewUsers(ctx, sync.key, [], sync.valid);
  return json(200, {
    dryRun: true,
    groups: preview.plan.groups.map((g) => ({ groupName: g.name, action: g.action })),
    users: preview.users,
    removedMembers: plan.members.map((m) => ({ groupName: m.groupName, user: m.ref })),
    removedGroupings: plan.groupings.map((g) => ({
      groupName: g.name,
      ezeepGroupDeleted: g.createdByNdd,
    })),
    refused: plan.refusals,
    errors: sync.errors.filter(Boolean),
  });
}

export const groupsUsersSyncEndpoint: NddEndpoint = {
  instance: INSTANCE,
  action: "ndd.groups_users_sync",
  handle,
};
