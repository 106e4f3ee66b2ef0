// After the provisioning engine ran: each NDD identity with an Email is linked to what ezeep now
// has for it — a verified account user (active) or the portal's pending invitation (invited).
// Only changed links are written, a few statements per request (lib/db-bulk.ts); people seen
// for the first time are created with their link (./identities.ts).
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { chunk } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { updateById } from "@/lib/db-bulk";
import type { ApplyResult, Plan } from "@/lib/provisioning/engine/types";

import {
  createIdentities,
  IN_LIST_MAX,
  READ_ALL_ABOVE,
  type IdentityRow,
  type Link,
  type PreparedIdentities,
} from "./identities";

/** What ezeep now has for a person with an Email: the verified account user, or the pending invitation. */
function linkOf(
  email: string,
  current: Link,
  plan: Plan,
  invitationByEmail: Map<string, string>,
  invitedNow: Set<string>,
): Link | null {
  const account = plan.accounts.get(email);
  if (account?.is_verified)
    return {
      state: "active",
      ezeepUserId: account.id,
      invitationId: null,
      invitedByNdd: current.invitedByNdd,
    };
  const invitationId = invitationByEmail.get(email);
  if (!invitationId) return null; // not done this time (reported in the answer); the next request retries
  // The unverified account user behind an invitation is recorded when the invitation is first
  // linked; learning its id later alone is no reason to write (a repeat must write nothing).
  const known = current.invitationId === invitationId && current.state === "invited";
  return {
    state: "invited",
    ezeepUserId: known ? current.ezeepUserId : (account?.id ?? current.ezeepUserId),
    invitationId,
    invitedByNdd: current.invitedByNdd || invitedNow.has(email),
  };
}

const sameLink = (a: Link, b: Link) =>
  a.state === b.state &&
  a.ezeepUserId === b.ezeepUserId &&
  a.invitationId === b.invitationId &&
  a.invitedByNdd === b.invitedByNdd;

/** Changed links in one transaction, a few statements per (state, invitedByNdd) (lib/db-bulk.ts). */
async function writeLinks(changed: { id: string; link: Link }[], now: Date): Promise<void> {
  if (changed.length === 0) return;
  const kinds = new Map<string, { id: string; link: Link }[]>();
  for (const c of changed) {
    const kind = `${c.link.state}|${c.link.invitedByNdd}`;
    const group = kinds.get(kind);
    if (group) group.push(c);
    else kinds.set(kind, [c]);
  }
  await db.$transaction(async (tx) => {
    for (const group of kinds.values()) {
      const { state, invitedByNdd } = group[0]!.link;
      await updateById(tx, {
        table: "NddIdentity",
        idType: "text",
        columns: { ezeepUserId: "text", invitationId: "text" },
        rows: group.map(({ id, link }) => ({
          id,
          values: { ezeepUserId: link.ezeepUserId, invitationId: link.invitationId },
        })),
        shared: { state, invitedByNdd, updatedAt: now },
      });
    }
  });
}

async function pendingInvitations(orgId: string, emails: string[]): Promise<Map<string, string>> {
  if (emails.length > READ_ALL_ABOVE) {
    // All the organization's pending invitations cost less than the IN lists (12 lists of 400:
    // 64 ms of CPU against 4 ms for 1,900 rows).
    const wanted = new Set(emails);
    const all = await db.invitation.findMany({
      where: { organizationId: orgId, status: "pending" },
      select: { id: true, email: true },
    });
    return new Map(all.filter((p) => wanted.has(p.email)).map((p) => [p.email, p.id]));
  }
  const parts = await Promise.all(
    chunk(emails, IN_LIST_MAX).map((part) =>
      db.invitation.findMany({
        where: { organizationId: orgId, status: "pending", email: { in: part } },
        select: { id: true, email: true },
      }),
    ),
  );
  return new Map(parts.flat().map((p) => [p.email, p.id]));
}

/** Outcomes after which the portal's invitations are as they were before the engine ran. */
const UNTOUCHED = new Set<string>(["added", "unchanged", "skipped"]);

function emailsOf(prepared: PreparedIdentities): string[] {
  const all = [...[...prepared.rows.values()].map((r) => r.email), ...prepared.fresh.map((u) => u.email)];
  return all.filter((e): e is string => Boolean(e));
}

/** The pending invitations of everyone in the request, read early (beside the engine's ezeep reads). */
export function readPendingInvitations(ctx: OrgContext, prepared: PreparedIdentities) {
  const read = pendingInvitations(ctx.organization.id, emailsOf(prepared));
  read.catch(() => undefined); // unused when the engine touched invitations
  return read;
}

/**
 * After the engine ran: link each identity with an Email to what ezeep now has for it — a verified
 * account user (active) or the portal's pending invitation (invited). Existing rows are written
 * only when their link changed, in one transaction; people seen for the first time (`fresh`) are
 * created with their link. Returns every row by key.
 */
export async function linkIdentities(
  ctx: OrgContext,
  prepared: PreparedIdentities,
  plan: Plan,
  result: ApplyResult,
  early?: Promise<Map<string, string>>,
): Promise<Map<string, IdentityRow>> {
  const { rows, fresh, clientKey, now } = prepared;
  const invitedNow = new Set(
    result.users.filter((u) => u.outcome === "invited").map((u) => u.email.toLowerCase()),
  );
  // Read before the engine ran: still true when it touched no invitation.
  const invitationsUntouched = result.users.every((u) => UNTOUCHED.has(u.outcome));
  const invitationByEmail =
    early && invitationsUntouched
      ? await early
      : await pendingInvitations(
          ctx.organization.id,
          emailsOf(prepared).filter((e) => !plan.accounts.get(e)?.is_verified),
        );
  const changed: { id: string; link: Link }[] = [];
  for (const row of rows.values()) {
    const next = row.email ? linkOf(row.email, row, plan, invitationByEmail, invitedNow) : null;
    if (next && !sameLink(next, row)) changed.push({ id: row.id, link: next });
  }
  await writeLinks(changed, now);
  const unlinked: Link = { state: "pending", ezeepUserId: null, invitationId: null, invitedByNdd: false };
  const links = new Map<string, Link>();
  for (const u of fresh) {
    const next = u.email ? linkOf(u.email, unlinked, plan, invitationByEmail, invitedNow) : null;
    if (next) links.set(u.key, next);
  }
  const made =
    fresh.length > 0
      ? await createIdentities(ctx.organization.id, clientKey, fresh, now, links)
      : new Map<string, IdentityRow>();
  return new Map([...rows, ...made]);
}
