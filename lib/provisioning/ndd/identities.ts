// The people NDD manages, keyed (Client, Domain, Logon) → ezeep user or invitation.
// - A user without Email is kept as "waiting for an e-mail" (state waiting_email) and matched or
//   invited by the first request that brings one.
// - A later request with the same key and a new Email or Name updates that person, never creates
//   a second ezeep identity: a verified ezeep user gets PATCH /v1/users/<id>/ (email, first and
//   last name); an unverified one (open invitation) has that invitation withdrawn and a new one
//   sent to the new address, carrying the intended groups.
// - Rows are read and written in bulk (one query for every key of a request; one transaction for
//   the links) so a 4,500-user request costs a handful of statements, not one per person.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";
import { inviteUser, withdrawInvitation } from "@/lib/provisioning/engine/invitations";
import type { ApplyResult, Plan } from "@/lib/provisioning/engine/types";
import { chunk, IN_LIST_MAX } from "@/lib/provisioning/engine/util";
import { mapPool } from "@/lib/provisioning/pool";

import type { NddUser } from "./validate";

export { IN_LIST_MAX };
const CREATE_ROWS_MAX = 100;

export type IdentityState = "waiting_email" | "pending" | "invited" | "active";

export interface IdentityRow {
  id: string;
  userKey: string;
  email: string | null;
  name: string | null;
  state: string;
  ezeepUserId: string | null;
  invitationId: string | null;
  invitedByNdd: boolean;
}

const select = {
  id: true,
  userKey: true,
  email: true,
  name: true,
  state: true,
  ezeepUserId: true,
  invitationId: true,
  invitedByNdd: true,
} as const;

export async function identitiesByKey(orgId: string, clientKey: string, keys: string[]) {
  const parts = await Promise.all(
    chunk(keys, IN_LIST_MAX).map((part) =>
      db.nddIdentity.findMany({ where: { organizationId: orgId, clientKey, userKey: { in: part } }, select }),
    ),
  );
  return new Map<string, IdentityRow>(parts.flat().map((r) => [r.userKey, r]));
}

function splitName(name: string): { first_name: string; last_name: string } {
  const [first = "", ...rest] = name.trim().split(/\s+/);
  return { first_name: first, last_name: rest.join(" ") };
}

/** What a known identity needs when a request brings other data for it. */
export function changeOf(row: IdentityRow, u: NddUser): "email" | "name" | null {
  if (u.email && u.email !== row.email) return row.email ? "email" : "name"; // a first Email is no "change"
  if (u.name && u.name !== row.name) return "name";
  return null;
}

/** A verified person's new Email and/or Name: PATCH the account user (audited). */
async function updateAccountUser(ctx: OrgContext, row: IdentityRow, u: NddUser): Promise<void> {
  const patch = {
    ...(u.email && u.email !== row.email ? { email: u.email } : {}),
    ...(u.name ? splitName(u.name) : {}),
  };
  await audited(ctx, {
    action: "ndd.user_update",
    target: { type: "user", id: row.ezeepUserId, label: `${u.ref} (${u.email ?? row.email})` },
    before: { email: row.email, name: row.name },
    intended: patch,
    run: async () => {
      const updated = await ezeepFor(ctx.organization).users.update(row.ezeepUserId!, patch);
      return {
        result: undefined,
        after: { email: updated.email, first_name: updated.first_name, last_name: updated.last_name },
      };
    },
  });
}

/** An unverified person's new Email: withdraw the open invitation, invite the new address with its groups. */
async function replaceInvitation(ctx: OrgContext, row: IdentityRow, u: NddUser): Promise<void> {
  const { intendedGroupIds } = await withdrawInvitation(ctx, {
    email: row.email!,
    ezeepUserId: row.ezeepUserId ?? undefined,
    action: "ndd.invitation_replace",
    reason: `NDD sent a new e-mail address for ${u.ref}: ${u.email}`,
  });
  await inviteUser(ctx, u.email!, intendedGroupIds);
}

/**
 * Brings the stored identities up to date with a request's users, before the engine plans (so the
 * plan reads ezeep after any PATCH). Creates missing rows, applies Email/Name changes, marks every
 * listed person as seen. Returns the rows by key.
 */
export async function upsertIdentities(
  ctx: OrgContext,
  clientKey: string,
  users: NddUser[],
  now: Date,
): Promise<Map<string, IdentityRow>> {
  const orgId = ctx.organization.id;
  const existing = await identitiesByKey(
    orgId,
    clientKey,
    users.map((u) => u.key),
  );
  const fresh = users.filter((u) => !existing.has(u.key));
  if (fresh.length > 0) await createIdentities(orgId, clientKey, fresh, now);
  const changed = users.filter((u) => existing.has(u.key) && changeOf(existing.get(u.key)!, u));
  await mapPool(changed, 8, (u) =>
    withKeyLock(`ndd-user:${orgId}:${clientKey}:${u.key}`, () => applyChange(ctx, existing.get(u.key)!, u)),
  );
  for (const part of chunk(users, IN_LIST_MAX))
    await db.nddIdentity.updateMany({
      where: { organizationId: orgId, clientKey, userKey: { in: part.map((u) => u.key) } },
      data: { lastSeenAt: now },
    });
  return identitiesByKey(
    orgId,
    clientKey,
    users.map((u) => u.key),
  );
}

async function createIdentities(orgId: string, clientKey: string, users: NddUser[], now: Date) {
  const data = users.map((u) => ({
    organizationId: orgId,
    clientKey,
    domain: u.domain,
    logon: u.logon,
    userKey: u.key,
    name: u.name,
    email: u.email,
    state: (u.email ? "pending" : "waiting_email") satisfies IdentityState,
    lastSeenAt: now,
  }));
  try {
    await db.$transaction(
      chunk(data, CREATE_ROWS_MAX).map((part) => db.nddIdentity.createMany({ data: part })),
    );
  } catch {
    // A concurrent request created some of them: fall back to one idempotent upsert each.
    for (const d of data) {
      await db.nddIdentity.upsert({
        where: { organizationId_clientKey_userKey: { organizationId: orgId, clientKey, userKey: d.userKey } },
        create: d,
        update: {},
      });
    }
  }
}

async function applyChange(ctx: OrgContext, row: IdentityRow, u: NddUser): Promise<void> {
  const emailChanged = Boolean(u.email && row.email && u.email !== row.email);
  if (row.state === "active" && row.ezeepUserId) await updateAccountUser(ctx, row, u);
  else if (row.state === "invited" && emailChanged) await replaceInvitation(ctx, row, u);
  await db.nddIdentity.update({
    where: { id: row.id },
    data: {
      name: u.name ?? row.name,
      email: u.email ?? row.email,
      // A replaced invitation is re-linked after the engine ran; an unlinked person gets matched.
      ...(row.state === "waiting_email" || (row.state === "invited" && emailChanged)
        ? { state: "pending", invitationId: null }
        : {}),
    },
  });
}

/**
 * After the engine ran: link each identity with an Email to what ezeep now has for it — a verified
 * account user (active) or the portal's pending invitation (invited). Only rows whose link changed
 * are written, in one transaction.
 */
export async function linkIdentities(
  ctx: OrgContext,
  rows: Map<string, IdentityRow>,
  plan: Plan,
  result: ApplyResult,
): Promise<void> {
  const invitedNow = new Set(
    result.users.filter((u) => u.outcome === "invited").map((u) => u.email.toLowerCase()),
  );
  const unlinked = [...rows.values()].filter((r) => r.email && !plan.accounts.get(r.email)?.is_verified);
  const pending = (
    await Promise.all(
      chunk(unlinked, IN_LIST_MAX).map((part) =>
        db.invitation.findMany({
          where: {
            organizationId: ctx.organization.id,
            status: "pending",
            email: { in: part.map((r) => r.email!) },
          },
          select: { id: true, email: true },
        }),
      ),
    )
  ).flat();
  const invitationByEmail = new Map(pending.map((p) => [p.email, p.id]));
  const writes = [];
  for (const row of rows.values()) {
    if (!row.email) continue;
    const account = plan.accounts.get(row.email);
    const invitationId = invitationByEmail.get(row.email) ?? null;
    let next: Pick<IdentityRow, "state" | "ezeepUserId" | "invitationId" | "invitedByNdd">;
    if (account?.is_verified)
      next = { state: "active", ezeepUserId: account.id, invitationId: null, invitedByNdd: row.invitedByNdd };
    else if (invitationId)
      next = {
        state: "invited",
        ezeepUserId: account?.id ?? row.ezeepUserId,
        invitationId,
        invitedByNdd: row.invitedByNdd || invitedNow.has(row.email),
      };
    else continue; // not done this time (reported in the answer); the next request retries
    if (
      next.state === row.state &&
      next.ezeepUserId === row.ezeepUserId &&
      next.invitationId === row.invitationId &&
      next.invitedByNdd === row.invitedByNdd
    )
      continue;
    writes.push(db.nddIdentity.update({ where: { id: row.id }, data: next }));
  }
  if (writes.length > 0) await db.$transaction(writes);
}
