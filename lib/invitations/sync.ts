// The invitation follow-up (one run per organization, idempotent): status and expiry from ezeep,
// imports of invitations found there, the intended role and groups once accepted, reminders on
// the schedule. Reminders go only to invitations the portal sent or an admin adopted, and never
// on the portal's first run (everything would look overdue at once).
import "server-only";

import { recordAudit } from "@/lib/audit/service";
import type { Actor, OrganizationRef, OrgContext } from "@/lib/auth/context";
import { letRequestsLeave } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { applyDomainRulesToNewUsers } from "@/lib/domain-rules/new-users";
import type { Invitation as EzeepInvitation } from "@/lib/ezeep";
import { applyGroups, applyRole, SYSTEM_ACTOR } from "@/lib/invitations/apply";
import {
  DAY_MS,
  invitationSettings,
  nextReminderAt,
  type InvitationSettings,
} from "@/lib/invitations/config";
import {
  allEzeepInvitations,
  findUserIds,
  groupNames,
  parseEzeepDate,
  statusFrom,
} from "@/lib/invitations/ezeep-data";
import { refreshFromEzeep, resendRow } from "@/lib/invitations/resend";
import { lastSendOf, parseIds, remindsAutomatically, type Row } from "@/lib/invitations/views";
import { withKeyLock } from "@/lib/locks";

export interface SyncSummary {
  imported: string[];
  accepted: string[];
  expired: string[];
  revived: string[];
  withdrawn: string[];
  reminded: string[];
  groupsApplied: string[];
  rolesApplied: string[];
  errors: string[];
  /** Set when ezeep's invitation list could not be read (the rest of the run used the database). */
  ezeepError: string | null;
}

function emptySummary(): SyncSummary {
  return {
    imported: [],
    accepted: [],
    expired: [],
    revived: [],
    withdrawn: [],
    reminded: [],
    groupsApplied: [],
    rolesApplied: [],
    errors: [],
    ezeepError: null,
  };
}

function systemContext(org: OrganizationRef): OrgContext {
  return { actor: SYSTEM_ACTOR, organization: org, role: null };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One follow-up run for one organization at time `now`. Safe to call again at once (idempotent)
 * and from several instances (per-organization lock; each send is claimed in the database).
 * `actor` is who asked for the run ("Sync now"); automatic changes are always made as system.
 */
export async function syncInvitations(
  org: OrganizationRef,
  now = new Date(),
  opts: { actor?: Actor } = {},
): Promise<SyncSummary> {
  return withKeyLock(`invitations:${org.id}`, () => syncLocked(org, now, opts.actor ?? SYSTEM_ACTOR), {
    ttlMs: 10 * 60_000,
    waitMs: 30_000,
    busyMessage: "A sync of the invitations is already running. Try again in a moment.",
  });
}

async function syncLocked(org: OrganizationRef, now: Date, requestedBy: Actor): Promise<SyncSummary> {
  const summary = emptySummary();
  // 1. Status and expiry from ezeep (or, if ezeep cannot be read, expiry by our clock alone).
  //    The database is read while ezeep lists: rows created after `listedAt` (an invite meanwhile)
  //    may be missing from the list and are left alone.
  const listedAt = new Date();
  const listing = allEzeepInvitations(org).catch((err: unknown) => {
    summary.ezeepError = errorText(err);
    return null;
  });
  await letRequestsLeave(); // before the large read below holds the thread
  const [remote, countsBefore, syncState, rows] = await Promise.all([
    listing,
    statusCounts(org),
    db.invitationSyncState.findUnique({ where: { organizationId: org.id } }),
    db.invitation.findMany({ where: { organizationId: org.id }, select: SYNC_COLUMNS }),
  ]);
  const firstRun = !syncState;
  if (remote) await mergeRemote(org, remote, rows, now, listedAt, summary);
  else await expireByClock(rows, now, summary);

  // 2. Accepted: the intended role and groups, once. Pending admins whose role failed: retry.
  if (!summary.ezeepError) await applyIntents(org, now, summary);
  // 3. Reminders on the schedule, as resends by the system (not on the first run).
  if (!summary.ezeepError && !firstRun) await sendReminders(org, now, summary);

  await recordSync(org, now, requestedBy, summary, countsBefore);
  return summary;
}

/** What step 1 (the merge) needs of every row: all columns of 5,000 rows cost Prisma about twice the CPU. */
const SYNC_COLUMNS = {
  id: true,
  ezeepInvitationId: true,
  email: true,
  status: true,
  sentAt: true,
  expiresAt: true,
  acceptedAt: true,
  createdAt: true,
} as const;
type SyncRow = Pick<Row, keyof typeof SYNC_COLUMNS>;

async function mergeRemote(
  org: OrganizationRef,
  remote: Map<string, EzeepInvitation>,
  rows: SyncRow[],
  now: Date,
  listedAt: Date,
  summary: SyncSummary,
): Promise<void> {
  const byEzeepId = new Map(rows.filter((r) => r.ezeepInvitationId).map((r) => [r.ezeepInvitationId!, r]));
  for (const inv of remote.values()) {
    const row = byEzeepId.get(inv.id);
    if (row) await updateFromEzeep(row, inv, now, summary);
    else await importInvitation(org, inv, now, summary);
  }
  // Gone from ezeep (the invited user was deleted): withdrawn. Accepted ones keep their history.
  for (const row of rows) {
    if (!row.ezeepInvitationId || remote.has(row.ezeepInvitationId) || row.createdAt >= listedAt) continue;
    if (row.status !== "pending" && row.status !== "expired") continue;
    await db.invitation.update({ where: { id: row.id }, data: { status: "cancelled" } });
    summary.withdrawn.push(row.email);
  }
}

/** An invitation the portal did not send: tracked, never reminded unless an admin adopts it. */
async function importInvitation(org: OrganizationRef, inv: EzeepInvitation, now: Date, summary: SyncSummary) {
  const sentAt = parseEzeepDate(inv.updated);
  const sent = sentAt && sentAt < now ? sentAt : now;
  const expiresAt =
    parseEzeepDate(inv.expire_date) ??
    new Date(sent.getTime() + invitationSettings().defaultExpiryDays * DAY_MS);
  const status = statusFrom(inv.invitation_status, expiresAt, now);
  try {
    await db.invitation.create({
      data: {
        organizationId: org.id,
        ezeepInvitationId: inv.id,
        email: inv.email.toLowerCase(),
        origin: "ezeep",
        invitedByLabel: null,
        status,
        sentAt: sent,
        expiresAt,
        acceptedAt: status === "accepted" ? now : null,
        // Nothing to apply for invitations the portal did not send.
        groupsAppliedAt: status === "accepted" ? now : null,
      },
    });
    summary.imported.push(inv.email.toLowerCase());
  } catch (err) {
    summary.errors.push(`${inv.email}: ${errorText(err)}`); // e.g. imported by the invite just now
  }
}

const CHANGE_LISTS: Record<string, keyof SyncSummary> = {
  accepted: "accepted",
  expired: "expired",
  pending: "revived",
};

async function updateFromEzeep(row: SyncRow, inv: EzeepInvitation, now: Date, summary: SyncSummary) {
  const expiresAt =
    parseEzeepDate(inv.expire_date) ??
    row.expiresAt ??
    new Date(row.sentAt.getTime() + invitationSettings().defaultExpiryDays * DAY_MS);
  const status = statusFrom(inv.invitation_status, expiresAt, now);
  if (row.status === "accepted" && status !== "accepted") return; // never un-accept
  if (status === row.status && expiresAt.getTime() === row.expiresAt?.getTime()) return;
  await db.invitation.update({
    where: { id: row.id },
    data: { status, expiresAt, ...(status === "accepted" && !row.acceptedAt ? { acceptedAt: now } : {}) },
  });
  if (status !== row.status) (summary[CHANGE_LISTS[status]] as string[]).push(row.email);
}

async function expireByClock(rows: SyncRow[], now: Date, summary: SyncSummary) {
  const overdue = rows.filter((r) => r.status === "pending" && r.expiresAt && r.expiresAt <= now);
  for (const row of overdue) {
    await db.invitation.update({ where: { id: row.id }, data: { status: "expired" } });
    summary.expired.push(row.email);
  }
}

async function applyIntents(org: OrganizationRef, now: Date, summary: SyncSummary): Promise<void> {
  const current = await db.invitation.findMany({
    where: {
      organizationId: org.id,
      OR: [
        { status: "accepted", groupsAppliedAt: null },
        { role: "admin", roleAppliedAt: null, status: { in: ["accepted", "pending"] } },
      ],
    },
  });
  const needsGroups = current.filter((r) => r.status === "accepted" && !r.groupsAppliedAt);
  const needsRole = current.filter(
    (r) => r.role === "admin" && !r.roleAppliedAt && (r.status === "accepted" || r.status === "pending"),
  );
  const needingUser = [...new Map([...needsGroups, ...needsRole].map((r) => [r.id, r])).values()];
  if (needingUser.length === 0) return;
  // The group names are read beside the users' lookup, not after it.
  const withGroups = needsGroups.some((r) => parseIds(r.intendedGroupIds).length > 0);
  const names = withGroups ? groupNames(org) : Promise.resolve(new Map<string, string>());
  names.catch(() => undefined); // awaited below, unless the lookup failed first
  try {
    const missingIds = needingUser.filter((r) => !r.ezeepUserId);
    const found = missingIds.length ? await findUserIds(org, missingIds) : new Map<string, string>();
    for (const [rowId, userId] of found)
      await db.invitation.update({ where: { id: rowId }, data: { ezeepUserId: userId } });
    const userOf = (r: Row) => r.ezeepUserId ?? found.get(r.id) ?? null;
    await applyRoles(org, needsRole, userOf, now, summary);
    await applyAllGroups(org, needsGroups, userOf, await names, now, summary);
  } catch (err) {
    summary.errors.push(`users could not be read from ezeep: ${errorText(err)}`);
  }
}

async function applyRoles(
  org: OrganizationRef,
  rows: Row[],
  userOf: (r: Row) => string | null,
  now: Date,
  summary: SyncSummary,
) {
  for (const row of rows) {
    const userId = userOf(row);
    if (!userId) continue;
    try {
      await applyRole(systemContext(org), row, userId, now);
      summary.rolesApplied.push(row.email);
    } catch (err) {
      summary.errors.push(`${row.email}: admin role not set: ${errorText(err)}`);
    }
  }
}

async function applyAllGroups(
  org: OrganizationRef,
  rows: Row[],
  userOf: (r: Row) => string | null,
  existing: Map<string, string>,
  now: Date,
  summary: SyncSummary,
) {
  for (const row of rows) {
    const userId = userOf(row);
    if (!userId) {
      summary.errors.push(`${row.email}: accepted, but ezeep lists no user for it yet`);
      continue;
    }
    try {
      await applyGroups(systemContext(org), row, userId, existing, now);
      await applyDomainRulesToNewUsers(org.id, [{ id: userId, email: row.email }], "invitation");
      if (parseIds(row.intendedGroupIds).length > 0) summary.groupsApplied.push(row.email);
    } catch (err) {
      summary.errors.push(`${row.email}: groups not applied: ${errorText(err)}`);
    }
  }
}

/** Is a reminder due for this row now? (schedule, not expired, not just sent by hand) */
function reminderDue(row: Row, now: Date, settings: InvitationSettings): boolean {
  if (!remindsAutomatically(row)) return false;
  const due = nextReminderAt(row, settings);
  if (!due || due > now) return false;
  if (row.expiresAt && row.expiresAt <= now) return false;
  return lastSendOf(row).getTime() + settings.resendCooldownMs <= now.getTime();
}

async function sendReminders(org: OrganizationRef, now: Date, summary: SyncSummary): Promise<void> {
  const settings = invitationSettings();
  // Only rows that remind automatically (remindsAutomatically) and have reminders left.
  const pending = await db.invitation.findMany({
    where: {
      organizationId: org.id,
      status: "pending",
      ezeepInvitationId: { not: null },
      reminderCount: { lt: settings.maxReminders },
      OR: [{ origin: { not: "ezeep" } }, { adoptedAt: { not: null } }],
    },
  });
  const reminded: Row[] = [];
  for (const row of pending) {
    if (!reminderDue(row, now, settings)) continue;
    try {
      reminded.push(
        await resendRow(systemContext(org), row, { action: "invitation.resend", reminder: true, now }),
      );
      summary.reminded.push(row.email);
    } catch (err) {
      summary.errors.push(`${row.email}: reminder not sent: ${errorText(err)}`);
    }
  }
  await refreshFromEzeep(org, reminded, now);
}

async function statusCounts(org: OrganizationRef): Promise<Record<string, number>> {
  const grouped = await db.invitation.groupBy({
    by: ["status"],
    where: { organizationId: org.id },
    _count: { _all: true },
  });
  const counts: Record<string, number> = { pending: 0, expired: 0, accepted: 0, cancelled: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  return counts;
}

const FAILURE_REPEAT_MS = 60 * 60_000;

/**
 * The run's own audit entry ("invitation.sync"): when it changed something, when a person asked
 * for it, or when it failed (a failure repeated by the automatic runs is recorded once an hour).
 */
async function recordSync(
  org: OrganizationRef,
  now: Date,
  actor: Actor,
  summary: SyncSummary,
  before: Record<string, number>,
) {
  const previous = await db.invitationSyncState.findUnique({ where: { organizationId: org.id } });
  const error = summary.ezeepError;
  await db.invitationSyncState.upsert({
    where: { organizationId: org.id },
    create: { organizationId: org.id, lastRunAt: now, lastSuccessAt: error ? null : now, lastError: error },
    update: { lastRunAt: now, ...(error ? {} : { lastSuccessAt: now }), lastError: error },
  });
  const changed =
    summary.imported.length +
      summary.accepted.length +
      summary.expired.length +
      summary.revived.length +
      summary.withdrawn.length >
    0;
  const manual = actor.type !== "system";
  const repeatedFailure =
    !!error &&
    !manual &&
    previous?.lastError === error &&
    now.getTime() - previous.lastRunAt.getTime() < FAILURE_REPEAT_MS;
  if (!changed && !manual && (!error || repeatedFailure)) return;
  const cap = (list: string[]) =>
    list.length > 50 ? [...list.slice(0, 50), `… ${list.length - 50} more`] : list;
  await recordAudit({
    organizationId: org.id,
    actor,
    action: "invitation.sync",
    target: { type: "invitation", label: "all invitations" },
    before,
    after: {
      ...(await statusCounts(org)),
      ...(summary.imported.length ? { imported: cap(summary.imported) } : {}),
      ...(summary.accepted.length ? { accepted: cap(summary.accepted) } : {}),
      ...(summary.expired.length ? { expired: cap(summary.expired) } : {}),
      ...(summary.revived.length ? { revived: cap(summary.revived) } : {}),
      ...(summary.withdrawn.length ? { withdrawn: cap(summary.withdrawn) } : {}),
    },
    outcome: error ? "failure" : "success",
    error: error ? `ezeep's invitations could not be read: ${error}` : null,
  });
}

/** Every organization the portal manages, for the background job. */
export async function organizationsToFollowUp(): Promise<OrganizationRef[]> {
  const orgs = await db.organization.findMany({ orderBy: { createdAt: "asc" } });
  return orgs.map((o) => ({ id: o.id, ezeepId: o.ezeepId, name: o.name, connection: o.connection }));
}
