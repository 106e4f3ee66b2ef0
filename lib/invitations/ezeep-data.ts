// Reading invitations, their users and group names from ezeep (docs/ezeep.md, invitations).
import "server-only";

import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import type { AccountUser, Invitation as EzeepInvitation } from "@/lib/ezeep";
import type { InvitationStatus } from "@/lib/invitations/schemas";
import type { Row } from "@/lib/invitations/views";
import { ezeepFor } from "@/lib/organizations/service";
import { storedUserIdsByEmail } from "@/lib/users/directory";

/** ezeep timestamps: ISO with microseconds and Z, or naive `YYYY-MM-DDTHH:MM:SS` (= UTC, §2.7). */
export function parseEzeepDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const v = value.trim();
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`;
  // Microseconds: JavaScript keeps milliseconds.
  const d = new Date(withZone.replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Our status from ezeep's `invitation_status` and the expiry (our clock decides when ezeep lags). */
export function statusFrom(
  ezeepStatus: string | null | undefined,
  expiresAt: Date | null,
  now: Date,
): InvitationStatus {
  const s = (ezeepStatus ?? "").toUpperCase();
  if (s === "ACCEPTED") return "accepted";
  if (s === "EXPIRED") return "expired";
  return expiresAt && expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

export async function allEzeepInvitations(org: OrganizationRef): Promise<Map<string, EzeepInvitation>> {
  const map = new Map<string, EzeepInvitation>();
  for await (const inv of ezeepFor(org).invitations.iterate()) map.set(inv.id, inv);
  return map;
}

/** At most this many rows are looked up one by one (more: one pass over every user is cheaper). */
const DIRECT_LOOKUPS_MAX = 20;

/** Whether `user` is the account behind a portal invitation: it carries the invitation, or its address. */
function isUserOf(user: AccountUser, row: Row): boolean {
  const carries = (user.user_invitations ?? []).some((i) => i.id === row.ezeepInvitationId);
  return carries || user.email.toLowerCase() === row.email.toLowerCase();
}

/** The users directory's ids for the rows' addresses, each confirmed by reading that user from ezeep. */
async function idsFromDirectory(org: OrganizationRef, rows: Row[]): Promise<Map<string, string>> {
  const guesses = await storedUserIdsByEmail(
    org.id,
    rows.map((r) => r.email),
  );
  const found = new Map<string, string>();
  await Promise.all(
    rows.map(async (row) => {
      const id = guesses.get(row.email.toLowerCase());
      const user = id
        ? await ezeepFor(org)
            .users.get(id)
            .catch(() => null)
        : null;
      if (user && isUserOf(user, row)) found.set(row.id, user.id);
    }),
  );
  return found;
}

/**
 * ezeep's invitation object does not name its user (§3.3); the account user carries its
 * invitations (§3.2). A few rows are looked up through the users directory (one read each);
 * the rest in one pass over the users. Returns portal invitation id → ezeep user id.
 */
export async function findUserIds(org: OrganizationRef, rows: Row[]): Promise<Map<string, string>> {
  const found =
    rows.length <= DIRECT_LOOKUPS_MAX ? await idsFromDirectory(org, rows) : new Map<string, string>();
  const rest = rows.filter((r) => !found.has(r.id));
  if (rest.length === 0) return found;
  const byInvitation = new Map(
    rest.filter((r) => r.ezeepInvitationId).map((r) => [r.ezeepInvitationId!, r.id]),
  );
  const byEmail = new Map(rest.map((r) => [r.email.toLowerCase(), r.id]));
  for await (const user of ezeepFor(org).users.iterate()) {
    const viaInvitation = (user.user_invitations ?? []).map((i) => byInvitation.get(i.id)).find(Boolean);
    const rowId = viaInvitation ?? byEmail.get(user.email.toLowerCase());
    if (rowId && !found.has(rowId)) found.set(rowId, user.id);
    if (found.size === rows.length) break;
  }
  return found;
}

export async function groupNames(org: OrganizationRef): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for await (const g of ezeepFor(org).groups.iterate()) names.set(g.id, g.name);
  return names;
}

/** Names of the organization's groups by id, for showing intended groups (null when ezeep fails). */
export async function groupNamesFor(ctx: OrgContext): Promise<Map<string, string> | null> {
  try {
    return await groupNames(ctx.organization);
  } catch {
    return null;
  }
}
