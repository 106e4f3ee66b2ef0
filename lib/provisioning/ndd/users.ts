// POST /v1/users (create or update print-queue users, ≤ 4,500 per request) and
// POST /v1/users/synchronize (the same, plus: people of this Client missing from the payload lose
// their NDD identity and, if the portal invited them through NDD and they never accepted, their
// invitation is withdrawn). Nobody's ezeep account is deleted by a sync.
import "server-only";

import { z } from "zod";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { chunk } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { withKeyLock } from "@/lib/locks";
import {
  applyProvisioning,
  planProvisioning,
  readPlanLists,
  type GroupingInput,
} from "@/lib/provisioning/engine";

import { clientKey } from "./clients";
import { fieldErrors, json, problem, type NddEndpoint, type NddRequest } from "./http";
import { IN_LIST_MAX, upsertIdentities, type IdentityRow } from "./identities";
import { linkIdentities, readPendingInvitations } from "./identity-links";
import { previewUsers } from "./preview";
import { removalGuard, removeIdentities, type IdentityRemoval } from "./removals";
import { MESSAGES, validateUsers, type NddUser, type NddUserError } from "./validate";

export const NDD_MAX_USERS_PER_REQUEST = 4500;
const USERS_LOCK = {
  ttlMs: 300_000,
  waitMs: 300_000,
  busyMessage: "Another user request for this Client is still running.",
};

const bodySchema = z.object({
  Users: z
    .array(z.unknown(), { error: "Users is required." })
    .max(
      NDD_MAX_USERS_PER_REQUEST,
      `At most ${NDD_MAX_USERS_PER_REQUEST} users per request; send more in additional requests.`,
    ),
  AllowMassRemoval: z.boolean({ error: "AllowMassRemoval must be true or false." }).optional(),
});

/** Groupings a person already belongs to in NDD, for people matched or invited only now. */
async function groupingsOfUnlinked(rows: Map<string, IdentityRow>): Promise<GroupingInput[]> {
  const unlinked = [...rows.values()].filter((r) => r.email && r.state === "pending");
  if (unlinked.length === 0) return [];
  const members = (
    await Promise.all(
      chunk(unlinked, IN_LIST_MAX).map((part) =>
        db.nddGroupingMember.findMany({
          where: { identityId: { in: part.map((r) => r.id) } },
          include: { grouping: { select: { name: true } } },
        }),
      ),
    )
  ).flat();
  const byId = new Map(unlinked.map((r) => [r.id, r]));
  const byName = new Map<string, GroupingInput>();
  for (const m of members) {
    const row = byId.get(m.identityId)!;
    const g = byName.get(m.grouping.name) ?? { name: m.grouping.name, users: [] };
    g.users.push({ ref: row.userKey, email: row.email! });
    byName.set(m.grouping.name, g);
  }
  return [...byName.values()];
}

async function upsertUsers(ctx: OrgContext, client: string, users: NddUser[]): Promise<NddUserError[]> {
  const now = new Date();
  const key = clientKey(client);
  const early = await readPlanLists(ctx, { groups: false, users: users.length > 0 }); // beside the database work; dropped if that wrote to ezeep
  const prepared = await upsertIdentities(ctx, key, users, now);
  const { rows } = prepared;
  const invitations = readPendingInvitations(ctx, prepared);
  const groupings = await groupingsOfUnlinked(rows);
  const ungrouped = users.flatMap((u) => {
    const email = rows.get(u.key)?.email;
    return email ? [{ ref: u.ref, email }] : [];
  });
  const plan = await planProvisioning(ctx, groupings, {
    readMemberships: groupings.length > 0,
    ungrouped,
    ...(prepared.wroteToEzeep ? {} : { lists: early }),
  });
  const result = await applyProvisioning(ctx, plan);
  await linkIdentities(ctx, prepared, plan, result, invitations);
  return result.users
    .filter((u) => u.outcome === "failed" && u.grouping === null)
    .map((u) => ({ user: u.ref, errorMessage: u.error ?? "The user could not be processed." }));
}

function usersHandler(instance: string, sync: boolean) {
  return async ({ ctx, body, client, dryRun, refuse }: NddRequest): Promise<Response> => {
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success)
      return refuse(
        problem(instance, 400, "BadRequest", "ValidationException", fieldErrors(parsed.error)),
        "invalid request body",
      );
    const { users, errors } = validateUsers(parsed.data.Users);
    if (users.length === 0 && (errors.length > 0 || !sync)) {
      return refuse(
        problem(instance, 400, "BadRequest", "BusinessException", { "3400": [MESSAGES.allUsersInvalid] }),
        MESSAGES.allUsersInvalid,
      );
    }
    const key = clientKey(client);
    return withKeyLock(
      `ndd-users:${ctx.organization.id}:${key}`,
      async () => {
        const removals: IdentityRemoval[] = sync ? await usersToRemove(ctx.organization.id, key, users) : [];
        const guard = await removalGuard(
          ctx.organization.id,
          key,
          removals.length,
          parsed.data.AllowMassRemoval === true,
        );
        if (dryRun) {
          const preview = await previewUsers(ctx, key, users);
          return json(200, {
            dryRun: true,
            users: preview.users,
            removed: removals.map((r) => r.ref),
            refused: guard,
            errors,
          });
        }
        if (guard)
          return refuse(
            problem(instance, 400, "BadRequest", "MassRemovalRefused", { AllowMassRemoval: [guard] }),
            guard,
          );
        return audited(ctx, {
          action: sync ? "ndd.users_sync" : "ndd.users",
          target: { type: "api", label: `POST ${instance}` },
          intended: { client, users: users.length, invalid: errors.length, remove: removals.length },
          run: async () => {
            const failed = await upsertUsers(ctx, client, users);
            const removed = await removeIdentities(ctx, removals, "ndd.users_sync");
            const list = [...errors, ...failed, ...removed.failed];
            return {
              result: json(201, list),
              after: { status: 201, users: users.length, removed: removed.done, errors: list.length },
            };
          },
        });
      },
      USERS_LOCK,
    );
  };
}

async function usersToRemove(orgId: string, key: string, users: NddUser[]): Promise<IdentityRemoval[]> {
  const listed = new Set(users.map((u) => u.key));
  const all = await db.nddIdentity.findMany({ where: { organizationId: orgId, clientKey: key } });
  return all
    .filter((r) => !listed.has(r.userKey))
    .map((r) => ({
      id: r.id,
      ref: `${r.domain}//${r.logon}`,
      email: r.email,
      state: r.state,
      ezeepUserId: r.ezeepUserId,
      invitedByNdd: r.invitedByNdd,
    }));
}

export const usersEndpoint: NddEndpoint = {
  instance: "/v1/users",
  action: "ndd.users",
  handle: usersHandler("/v1/users", false),
};
export const usersSyncEndpoint: NddEndpoint = {
  instance: "/v1/users/synchronize",
  action: "ndd.users_sync",
  handle: usersHandler("/v1/users/synchronize", true),
};
