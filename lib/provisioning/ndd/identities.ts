// The people NDD manages, keyed (Client, Domain, Logon) → ezeep user or invitation.
// - A user without Email is kept as "waiting for an e-mail" (state waiting_email) and matched or
//   invited by the first request that brings one.
// - A later request with the same key and a new Email or Name updates that person, never creates
//   a second ezeep identity: a verified ezeep user gets PATCH /v1/users/<id>/ (email, first and
//   last name); an unverified one (open invitation) has that invitation withdrawn and a new one
//   sent to the new address, carrying the intended groups.
// - Rows are read and written in bulk (one query for every key of a request; one transaction for
//   the links) so a 4,500-user request costs a handful of statements, not one per person.
// Linking each person to what ezeep has after the engine ran: ./identity-links.ts.
import "server-only";

import { randomUUID } from "node:crypto";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { chunk, letRequestsLeave, mapPool } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { insertRows } from "@/lib/db-bulk";
import { withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";
import { inviteUser, withdrawInvitation } from "@/lib/provisioning/engine/invitations";
import { IN_LIST_MAX } from "@/lib/provisioning/engine/util";

import "@/lib/provisioning/reconcile";

import type { NddUser } from "./validate";

export { IN_LIST_MAX };
/** "Last seen in a request" is written at most this often per person (a repeat writes nothing). */
export const SEEN_PRECISION_MS = 60_000;

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
  lastSeenAt: Date;
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
  lastSeenAt: true,
} as const;

/** Above this many keys one read of all the rows costs less than IN-list reads. */
export const READ_ALL_ABOVE = 4 * IN_LIST_MAX;

/** Rows per read of a client's identities: a few ms of the thread each, not one long hold. */
const READ_PART = 1_500;

/**
 * Every identity of a client, a part at a time in key order. Between parts the thread serves the
 * ezeep answers that arrived meanwhile (a request's lists are read beside this), instead of
 * holding them until 10,000 rows are read.
 */
async function* clientIdentities(orgId: string, clientKey: string): AsyncGenerator<IdentityRow[]> {
  let after: string | null = null;
  for (;;) {
    const part: IdentityRow[] = await db.nddIdentity.findMany({
      where: { organizationId: orgId, clientKey, ...(after === null ? {} : { userKey: { gt: after } }) },
      orderBy: { userKey: "asc" },
      take: READ_PART,
      select,
    });
    yield part;
    if (part.length < READ_PART) return;
    after = part[part.length - 1]!.userKey;
    await letRequestsLeave();
  }
}

export async function identitiesByKey(orgId: string, clientKey: string, keys: string[]) {
  if (keys.length > READ_ALL_ABOVE) {
    const wanted = new Set(keys);
    const found = new Map<string, IdentityRow>();
    for await (const part of clientIdentities(orgId, clientKey))
      for (const r of part) if (wanted.has(r.userKey)) found.set(r.userKey, r);
    return found;
  }
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

export interface PreparedIdentities {
  /** The identities that existed before this request, after its Email/Name changes. */
  rows: Map<string, IdentityRow>;
  /** People seen for the first time: created by `linkIdentities`, with their link, after the engine ran. */
  fresh: NddUser[];
  clientKey: string;
  /** The request's time: lastSeenAt of every row it creates or touches. */
  now: Date;
  /** Email/Name changes were sent to ezeep: what was read from it before is out of date. */
  wroteToEzeep: boolean;
}

/**
 * Brings the stored identities up to date with a request's users, before the engine plans (so the
 * plan reads ezeep after any PATCH): applies Email/Name changes and marks every listed person as
 * seen (at most once a minute). Creates nothing: see `linkIdentities`.
 */
export async function prepareIdentities(
  ctx: OrgContext,
  clientKey: string,
  users: NddUser[],
  now: Date,
): Promise<PreparedIdentities> {
  const orgId = ctx.organization.id;
  const keys = users.map((u) => u.key);
  const existing = await identitiesByKey(orgId, clientKey, keys);
  const fresh = users.filter((u) => !existing.has(u.key));
  const changed = users.filter((u) => existing.has(u.key) && changeOf(existing.get(u.key)!, u));
  await mapPool(changed, 8, (u) =>
    withKeyLock(`ndd-user:${orgId}:${clientKey}:${u.key}`, () => applyChange(ctx, existing.get(u.key)!, u)),
  );
  const staleBefore = now.getTime() - SEEN_PRECISION_MS;
  const stale = [...existing.values()].filter((r) => r.lastSeenAt.getTime() < staleBefore);
  for (const part of chunk(stale, IN_LIST_MAX))
    await db.nddIdentity.updateMany({
      where: { id: { in: part.map((r) => r.id) } },
      data: { lastSeenAt: now },
    });
  if (changed.length === 0) return { rows: existing, fresh, clientKey, now, wroteToEzeep: false };
  const reread = await identitiesByKey(
    orgId,
    clientKey,
    changed.map((u) => u.key),
  );
  return { rows: new Map([...existing, ...reread]), fresh, clientKey, now, wroteToEzeep: true };
}

/** `prepareIdentities` plus the new people's rows (unlinked), for callers that need every id at once. */
export async function upsertIdentities(
  ctx: OrgContext,
  clientKey: string,
  users: NddUser[],
  now: Date,
): Promise<PreparedIdentities> {
  const prepared = await prepareIdentities(ctx, clientKey, users, now);
  if (prepared.fresh.length === 0) return prepared;
  const created = await createIdentities(ctx.organization.id, clientKey, prepared.fresh, now, new Map());
  return { ...prepared, rows: new Map([...prepared.rows, ...created]), fresh: [] };
}

/** What an identity is linked to in ezeep. */
export type Link = Pick<IdentityRow, "state" | "ezeepUserId" | "invitationId" | "invitedByNdd">;

/** New rows in one transaction (lib/db-bulk.ts), each with its link when known. */
export async function createIdentities(
  orgId: string,
  clientKey: string,
  users: NddUser[],
  now: Date,
  links: Map<string, Link>,
): Promise<Map<string, IdentityRow>> {
  const data = users.map((u) => ({
    organizationId: orgId,
    clientKey,
    domain: u.domain,
    logon: u.logon,
    userKey: u.key,
    name: u.name,
    email: u.email,
    state: (u.email ? "pending" : "waiting_email") satisfies IdentityState,
    ezeepUserId: null,
    invitationId: null,
    invitedByNdd: false,
    lastSeenAt: now,
    ...links.get(u.key),
  }));
  try {
    const rows = data.map((d) => ({ id: randomUUID(), ...d, createdAt: now, updatedAt: now }));
    await db.$transaction((tx) => insertRows(tx, "NddIdentity", rows));
    return new Map(rows.map((r) => [r.userKey, pick(r)]));
  } catch {
    // A concurrent request created some of them: fall back to one idempotent upsert each.
    for (const d of data) {
      await db.nddIdentity.upsert({
        where: { organizationId_clientKey_userKey: { organizationId: orgId, clientKey, userKey: d.userKey } },
        create: d,
        update: {},
      });
    }
    return identitiesByKey(
      orgId,
      clientKey,
      users.map((u) => u.key),
    );
  }
}

/** The columns of `select`, from a row written here. */
function pick(r: IdentityRow): IdentityRow {
  const { id, userKey, email, name, state, ezeepUserId, invitationId, invitedByNdd, lastSeenAt } = r;
  return { id, userKey, email, name, state, ezeepUserId, invitationId, invitedByNdd, lastSeenAt };
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
