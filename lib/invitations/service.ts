// Invitations of one organization: sent through ezeep (POST /v1/userinvitations/, §3.3), tracked
// in the portal's database (status, expiry, reminders, intended groups), resent with a cooldown,
// and followed up by lib/invitations/follow-up.ts. Every change and every failed attempt is audited.
import "server-only";

import { audited, recordAudit } from "@/lib/audit/service";
import type { Actor, OrganizationRef, OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { applyDomainRulesToNewUsers } from "@/lib/domain-rules/new-users";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { EzeepError, type Invitation as EzeepInvitation } from "@/lib/ezeep";
import { DAY_MS, invitationSettings, nextReminderAt } from "@/lib/invitations/config";
import {
  parseAddressList,
  type InvitationRole,
  type InvitationStatus,
  type InviteInput,
  type ListInvitationsQuery,
} from "@/lib/invitations/schemas";
import { withKeyLock } from "@/lib/locks";
import { moduleLogger } from "@/lib/observability/logger";
import { ezeepFor } from "@/lib/organizations/service";

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "Invitation follow-up" };

/** The lock a user's group memberships are changed under (shared with lib/memberships). */
export function membershipLockKey(org: OrganizationRef, ezeepUserId: string): string {
  return `user:${org.id}:${ezeepUserId}`;
}

type Row = NonNullable<Awaited<ReturnType<typeof db.invitation.findFirst>>>;

// ---------------------------------------------------------------------------------------------
// Views

export interface InvitationView {
  id: string;
  email: string;
  role: InvitationRole;
  status: InvitationStatus;
  origin: "portal" | "ezeep";
  sentAt: Date;
  expiresAt: Date | null;
  invitedBy: string | null;
  reminderCount: number;
  lastRemindedAt: Date | null;
  acceptedAt: Date | null;
  intendedGroupIds: string[];
  groupsAppliedAt: Date | null;
  roleAppliedAt: Date | null;
  ezeepUserId: string | null;
  /** When a resend is allowed again (cooldown), or null when it is allowed now / never. */
  resendAvailableAt: Date | null;
  canResend: boolean;
  nextReminderAt: Date | null;
}

export function parseIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function lastSendOf(row: Pick<Row, "sentAt" | "lastRemindedAt">): Date {
  return row.lastRemindedAt && row.lastRemindedAt > row.sentAt ? row.lastRemindedAt : row.sentAt;
}

export function toInvitationView(row: Row, now = new Date()): InvitationView {
  const settings = invitationSettings();
  const resendable = (row.status === "pending" || row.status === "expired") && !!row.ezeepInvitationId;
  const availableAt = new Date(lastSendOf(row).getTime() + settings.resendCooldownMs);
  return {
    id: row.id,
    email: row.email,
    role: row.role === "admin" ? "admin" : "user",
    status: (["pending", "expired", "accepted", "cancelled"].includes(row.status)
      ? row.status
      : "pending") as InvitationStatus,
    origin: row.origin === "ezeep" ? "ezeep" : "portal",
    sentAt: row.sentAt,
    expiresAt: row.expiresAt,
    invitedBy: row.invitedByLabel,
    reminderCount: row.reminderCount,
    lastRemindedAt: row.lastRemindedAt,
    acceptedAt: row.acceptedAt,
    intendedGroupIds: parseIds(row.intendedGroupIds),
    groupsAppliedAt: row.groupsAppliedAt,
    roleAppliedAt: row.roleAppliedAt,
    ezeepUserId: row.ezeepUserId,
    resendAvailableAt: resendable && availableAt > now ? availableAt : null,
    canResend: resendable,
    nextReminderAt: row.status === "pending" ? nextReminderAt(row, settings) : null,
  };
}

/** What the audit log keeps of an invitation. */
function snapshot(row: Row) {
  return {
    email: row.email,
    role: row.role,
    status: row.status,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    reminderCount: row.reminderCount,
  };
}

export interface InvitationPage {
  items: InvitationView[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  counts: Record<"all" | InvitationStatus, number>;
}

export async function listInvitations(
  ctx: OrgContext,
  query: ListInvitationsQuery,
  now = new Date(),
): Promise<InvitationPage> {
  const base = { organizationId: ctx.organization.id };
  const where = {
    ...base,
    ...(query.status !== "all" ? { status: query.status } : {}),
    ...(query.q ? { email: { contains: query.q.toLowerCase() } } : {}),
  };
  const [total, grouped] = await Promise.all([
    db.invitation.count({ where }),
    db.invitation.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
  ]);
  const counts = { all: 0, pending: 0, expired: 0, accepted: 0, cancelled: 0 };
  for (const g of grouped) {
    if (g.status in counts) counts[g.status as InvitationStatus] = g._count._all;
    counts.all += g._count._all;
  }
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const rows = await db.invitation.findMany({
    where,
    orderBy: [{ sentAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * query.pageSize,
    take: query.pageSize,
  });
  return {
    items: rows.map((r) => toInvitationView(r, now)),
    total,
    page,
    pageSize: query.pageSize,
    pageCount,
    counts,
  };
}

export async function getInvitation(ctx: OrgContext, id: string): Promise<Row> {
  const row = await db.invitation.findFirst({ where: { id, organizationId: ctx.organization.id } });
  if (!row) throw new NotFoundError("This invitation");
  return row;
}

export interface InvitationSummary {
  pending: number;
  pendingByAge: { label: string; count: number }[];
  expired: number;
  acceptedThisWeek: number;
  lastSyncAt: Date | null;
  lastSyncError: string | null;
}

/** Figures for the overview card, from the database only (no ezeep call). */
export async function summarizeInvitations(ctx: OrgContext, now = new Date()): Promise<InvitationSummary> {
  const org = ctx.organization.id;
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const [fresh, week, older, expired, acceptedThisWeek, state] = await Promise.all([
    db.invitation.count({ where: { organizationId: org, status: "pending", sentAt: { gt: ago(3) } } }),
    db.invitation.count({
      where: { organizationId: org, status: "pending", sentAt: { lte: ago(3), gt: ago(7) } },
    }),
    db.invitation.count({ where: { organizationId: org, status: "pending", sentAt: { lte: ago(7) } } }),
    db.invitation.count({ where: { organizationId: org, status: "expired" } }),
    db.invitation.count({ where: { organizationId: org, status: "accepted", acceptedAt: { gte: ago(7) } } }),
    db.invitationSyncState.findUnique({ where: { organizationId: org } }),
  ]);
  return {
    pending: fresh + week + older,
    pendingByAge: [
      { label: "under 3 days", count: fresh },
      { label: "3–7 days", count: week },
      { label: "over 7 days", count: older },
    ],
    expired,
    acceptedThisWeek,
    lastSyncAt: state?.lastSuccessAt ?? null,
    lastSyncError: state?.lastError ?? null,
  };
}

export async function invitationSyncState(ctx: OrgContext) {
  return db.invitationSyncState.findUnique({ where: { organizationId: ctx.organization.id } });
}

// ---------------------------------------------------------------------------------------------
// ezeep data

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

async function allEzeepInvitations(org: OrganizationRef): Promise<Map<string, EzeepInvitation>> {
  const map = new Map<string, EzeepInvitation>();
  for await (const inv of ezeepFor(org).invitations.iterate()) map.set(inv.id, inv);
  return map;
}

/**
 * ezeep's invitation object does not name its user (§3.3); the account user carries its
 * invitations (§3.2). One pass over the users finds the ids for the given invitations/emails.
 */
async function findUserIds(org: OrganizationRef, rows: Row[]): Promise<Map<string, string>> {
  const byInvitation = new Map(
    rows.filter((r) => r.ezeepInvitationId).map((r) => [r.ezeepInvitationId!, r.id]),
  );
  const byEmail = new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
  const found = new Map<string, string>(); // portal invitation id → ezeep user id
  for await (const user of ezeepFor(org).users.iterate()) {
    const viaInvitation = (user.user_invitations ?? []).map((i) => byInvitation.get(i.id)).find(Boolean);
    const rowId = viaInvitation ?? byEmail.get(user.email.toLowerCase());
    if (rowId && !found.has(rowId)) found.set(rowId, user.id);
    if (found.size === rows.length) break;
  }
  return found;
}

async function groupNames(org: OrganizationRef): Promise<Map<string, string>> {
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

// ---------------------------------------------------------------------------------------------
// Invite

export type AddressOutcome =
  | "sent" // invitation created in ezeep and tracked
  | "invalid" // not an email address; nothing sent
  | "duplicate" // the same address earlier in the same request; sent once
  | "rejected" // ezeep refused it (already invited, already a user, …)
  | "failed"; // ezeep could not be reached or failed

export interface AddressResult {
  input: string;
  email: string | null;
  outcome: AddressOutcome;
  message: string;
  invitationId?: string;
  /** Something after sending did not work yet (e.g. the admin role); the follow-up retries it. */
  warning?: string;
}

export interface InviteResult {
  results: AddressResult[];
  sent: number;
  notSent: number;
}

function attemptDenied(ctx: OrgContext, reason: string, input: unknown): Promise<number> {
  return recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: "invitation.create",
    target: { type: "invitation" },
    after: { attemptedInput: input },
    outcome: "failure",
    error: reason,
  });
}

export async function inviteMany(
  ctx: OrgContext,
  input: InviteInput,
  now = new Date(),
): Promise<InviteResult> {
  const settings = invitationSettings();
  // Inviting is helpdesk work; choosing the ezeep admin role or group memberships is not: the
  // same permissions as changing a user's roles or memberships directly.
  if (input.role === "admin" && !can(ctx.role, "users.write")) {
    await attemptDenied(ctx, "permission denied: inviting as ezeep admin needs users.write", input);
    throw new UserFacingError(
      "Your role may invite people as users only. Ask an admin to invite ezeep admins.",
      {
        role: ["Your role may invite people as users only."],
      },
    );
  }
  if (input.groupIds.length > 0 && !can(ctx.role, "memberships.write")) {
    await attemptDenied(ctx, "permission denied: choosing groups needs memberships.write", input);
    throw new UserFacingError(
      "Your role may not choose groups. Invite without groups; an admin adds them later.",
      {
        groupIds: ["Your role may not choose groups."],
      },
    );
  }

  const groupIds = [...new Set(input.groupIds)];
  let names = new Map<string, string>();
  if (groupIds.length > 0) {
    try {
      names = await groupNames(ctx.organization);
    } catch (err) {
      await attemptDenied(
        ctx,
        `groups could not be read from ezeep: ${err instanceof Error ? err.message : String(err)}`,
        input,
      );
      throw err;
    }
    const unknown = groupIds.filter((id) => !names.has(id));
    if (unknown.length > 0) {
      await attemptDenied(ctx, `unknown group ids: ${unknown.join(", ")}`, input);
      throw new UserFacingError(
        "A chosen group no longer exists in ezeep. Reload the page and choose again.",
        {
          groupIds: ["A chosen group no longer exists in ezeep."],
        },
      );
    }
  }
  const groupLabels = groupIds.map((id) => names.get(id) ?? id);
  const days = input.expiresInDays ?? settings.defaultExpiryDays;
  const expireDate = new Date(now.getTime() + days * DAY_MS);
  expireDate.setUTCMilliseconds(0);

  const results: AddressResult[] = [];
  const sentRows: Row[] = [];
  for (const address of parseAddressList(input.emails)) {
    if (address.problem) {
      const message =
        address.problem === "invalid" ? "Not a valid email address." : "Listed more than once: invited once.";
      await recordAudit({
        organizationId: ctx.organization.id,
        actor: ctx.actor,
        action: "invitation.create",
        target: { type: "invitation", label: address.input.slice(0, 254) },
        after: { attemptedInput: { email: address.input.slice(0, 254), role: input.role } },
        outcome: "failure",
        error:
          address.problem === "invalid" ? "invalid email address" : "duplicate address in the same request",
      });
      results.push({ input: address.input, email: address.email, outcome: address.problem, message });
      continue;
    }
    const email = address.email;
    try {
      const row = await audited(ctx, {
        action: "invitation.create",
        target: { type: "invitation", label: email },
        intended: { email, role: input.role, groups: groupLabels, expiresAt: expireDate.toISOString() },
        run: async () => {
          const created = await ezeepFor(ctx.organization).invitations.create({
            email,
            expire_date: expireDate,
          });
          const expiresAt =
            parseEzeepDate(created.expire_date) ??
            new Date(now.getTime() + settings.defaultExpiryDays * DAY_MS);
          const data = {
            email: created.email.toLowerCase() || email,
            role: input.role,
            intendedGroupIds: JSON.stringify(groupIds),
            invitedById: ctx.actor.id,
            invitedByLabel: ctx.actor.label,
            origin: "portal",
            status: statusFrom(created.invitation_status, expiresAt, now),
            sentAt: now,
            expiresAt,
          };
          // The follow-up may have imported it in the meantime: the portal's intent wins.
          const saved = await db.invitation.upsert({
            where: {
              organizationId_ezeepInvitationId: {
                organizationId: ctx.organization.id,
                ezeepInvitationId: created.id,
              },
            },
            create: { organizationId: ctx.organization.id, ezeepInvitationId: created.id, ...data },
            update: data,
          });
          return {
            result: saved,
            after: {
              email,
              role: input.role,
              groups: groupLabels,
              status: saved.status,
              expiresAt: expiresAt.toISOString(),
              ezeepInvitationId: created.id,
            },
            target: { type: "invitation", id: saved.id, label: email },
          };
        },
      });
      sentRows.push(row);
      results.push({
        input: address.input,
        email,
        outcome: "sent",
        message: "Invitation sent.",
        invitationId: row.id,
      });
    } catch (err) {
      if (
        err instanceof EzeepError &&
        err.status !== null &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 401 &&
        err.status !== 403 &&
        err.status !== 429
      ) {
        const pending = await db.invitation.findFirst({
          where: { organizationId: ctx.organization.id, email, status: { in: ["pending", "expired"] } },
          orderBy: { sentAt: "desc" },
        });
        const hint = pending
          ? ` It was invited on ${pending.sentAt.toISOString().slice(0, 10)}: resend that invitation instead.`
          : "";
        results.push({
          input: address.input,
          email,
          outcome: "rejected",
          message: `ezeep refused it: ${err.fieldErrors?.email?.[0] ?? err.message}${hint}`,
        });
      } else if (err instanceof EzeepError) {
        results.push({ input: address.input, email, outcome: "failed", message: `Not sent: ${err.message}` });
      } else {
        throw err;
      }
    }
  }

  // The ezeep admin role goes onto the (still unverified) account user right away, so the
  // invitee signs in as admin from the start; if that fails, the follow-up retries it.
  if (input.role === "admin" && sentRows.length > 0) {
    const warnings = await applyRolesNow(ctx, sentRows, now);
    for (const r of results) {
      const w = r.invitationId ? warnings.get(r.invitationId) : undefined;
      if (w) r.warning = w;
    }
  }
  const sent = results.filter((r) => r.outcome === "sent").length;
  return { results, sent, notSent: results.length - sent };
}

async function applyRolesNow(ctx: OrgContext, rows: Row[], now: Date): Promise<Map<string, string>> {
  const warnings = new Map<string, string>();
  const system: OrgContext = { ...ctx };
  let ids: Map<string, string>;
  try {
    ids = await findUserIds(ctx.organization, rows);
  } catch (err) {
    for (const r of rows)
      warnings.set(
        r.id,
        `The admin role could not be set yet (${err instanceof Error ? err.message : err}); the portal retries it.`,
      );
    return warnings;
  }
  for (const row of rows) {
    const userId = ids.get(row.id);
    if (!userId) {
      warnings.set(
        row.id,
        "ezeep did not list the invited user yet; the admin role is set by the follow-up.",
      );
      continue;
    }
    await db.invitation.update({ where: { id: row.id }, data: { ezeepUserId: userId } });
    try {
      await applyRole(system, { ...row, ezeepUserId: userId }, userId, now);
    } catch (err) {
      warnings.set(
        row.id,
        `The admin role could not be set yet (${err instanceof Error ? err.message : err}); the portal retries it.`,
      );
    }
  }
  return warnings;
}

async function applyRole(ctx: OrgContext, row: Row, userId: string, now: Date): Promise<boolean> {
  const ezeep = ezeepFor(ctx.organization);
  return withKeyLock(membershipLockKey(ctx.organization, userId), async () => {
    const user = await ezeep.users.get(userId);
    if (!user.roles.includes("admin")) {
      const roles = [...user.roles.filter((r) => r !== "user"), "admin"];
      await audited(ctx, {
        action: "invitation.apply_role",
        target: { type: "invitation", id: row.id, label: row.email },
        before: { email: user.email, roles: user.roles },
        intended: { email: user.email, roles },
        run: async () => {
          const updated = await ezeep.users.update(userId, { roles });
          return { result: updated, after: { email: updated.email, roles: updated.roles } };
        },
      });
    }
    await db.invitation.updateMany({
      where: { id: row.id, roleAppliedAt: null },
      data: { roleAppliedAt: now },
    });
    return true;
  });
}

/**
 * Adds the accepted invitee to the intended groups. Membership is a REPLACE of the whole list
 * (§3.4), so the current groups are re-read inside the per-user lock and the union is written.
 * Groups deleted since the invitation are skipped (and named in the audit entry).
 */
async function applyGroups(
  ctx: OrgContext,
  row: Row,
  userId: string,
  existing: Map<string, string>,
  now: Date,
): Promise<void> {
  const intended = parseIds(row.intendedGroupIds);
  const ezeep = ezeepFor(ctx.organization);
  const valid = intended.filter((id) => existing.has(id));
  const missing = intended.filter((id) => !existing.has(id));
  const label = (ids: string[]) => ids.map((id) => existing.get(id) ?? id);
  if (valid.length > 0) {
    await withKeyLock(membershipLockKey(ctx.organization, userId), async () => {
      const current = (await ezeep.printingUsers.get(userId)).groups.map((g) => g.group_id);
      const union = [...new Set([...current, ...valid])];
      if (union.length === current.length) return; // already in every group
      await audited(ctx, {
        action: "invitation.apply_groups",
        target: { type: "invitation", id: row.id, label: row.email },
        before: { email: row.email, groups: label(current) },
        intended: { email: row.email, groups: label(union) },
        run: async () => {
          const updated = await ezeep.printingUsers.setGroups(userId, union);
          const ids = updated.groups.map((g) => g.group_id);
          return {
            result: updated,
            after: {
              email: row.email,
              groups: label(ids),
              ...(missing.length ? { skippedDeletedGroups: missing } : {}),
            },
          };
        },
      });
    });
  }
  await db.invitation.updateMany({
    where: { id: row.id, groupsAppliedAt: null },
    data: { groupsAppliedAt: now },
  });
}

// ---------------------------------------------------------------------------------------------
// Resend

export interface ResendOptions {
  action: "invitation.resend" | "invitation.bulk_resend";
  /** Automatic reminders skip the cooldown check (their schedule is days apart). */
  reminder?: boolean;
  now: Date;
}

function cooldownMessage(row: Row, now: Date, cooldownMs: number): string | null {
  const available = lastSendOf(row).getTime() + cooldownMs;
  if (available <= now.getTime()) return null;
  const minutes = Math.max(1, Math.ceil((available - now.getTime()) / 60_000));
  const ago = Math.max(0, Math.round((now.getTime() - lastSendOf(row).getTime()) / 60_000));
  return `This invitation was sent ${ago === 0 ? "just now" : `${ago} minute${ago === 1 ? "" : "s"} ago`}. You can resend it in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** Checks without side effects why a resend is not possible, or null when it is. */
function resendRefusal(row: Row, now: Date, opts: { cooldown: boolean }): string | null {
  if (row.status === "accepted") return "This invitation was already accepted.";
  if (row.status === "cancelled")
    return "This invitation no longer exists in ezeep (the invited user was deleted). Invite the address again.";
  if (!row.ezeepInvitationId) return "This invitation is not known to ezeep.";
  return opts.cooldown ? cooldownMessage(row, now, invitationSettings().resendCooldownMs) : null;
}

/**
 * One resend (PATCH /v1/userinvitations/<id>/). The send is claimed in the database first
 * (reminderCount as a version), so two admins or two portal instances never send it twice.
 */
async function resendRow(ctx: OrgContext, row: Row, opts: ResendOptions): Promise<Row> {
  const refusal = resendRefusal(row, opts.now, { cooldown: !opts.reminder });
  if (refusal) {
    await recordAudit({
      organizationId: ctx.organization.id,
      actor: ctx.actor,
      action: opts.action,
      target: { type: "invitation", id: row.id, label: row.email },
      before: snapshot(row),
      outcome: "failure",
      error: refusal,
    });
    throw new UserFacingError(refusal);
  }
  const claimed = await db.invitation.updateMany({
    where: { id: row.id, reminderCount: row.reminderCount, status: { in: ["pending", "expired"] } },
    data: { reminderCount: row.reminderCount + 1, lastRemindedAt: opts.now },
  });
  if (claimed.count !== 1)
    throw new UserFacingError("This invitation was just resent by someone else. Reload the page to see it.");
  const claimedRow: Row = { ...row, reminderCount: row.reminderCount + 1, lastRemindedAt: opts.now };
  try {
    await audited(ctx, {
      action: opts.action,
      target: { type: "invitation", id: row.id, label: row.email },
      before: snapshot(row),
      intended: { ...snapshot(claimedRow), ...(opts.reminder ? { reminder: row.reminderCount + 1 } : {}) },
      run: async () => {
        await ezeepFor(ctx.organization).invitations.resend(row.ezeepInvitationId!);
        return { result: null };
      },
    });
  } catch (err) {
    // Not sent: give the claim back so the count stays true.
    await db.invitation.updateMany({
      where: { id: row.id, reminderCount: row.reminderCount + 1 },
      data: { reminderCount: row.reminderCount, lastRemindedAt: row.lastRemindedAt },
    });
    throw err;
  }
  return claimedRow;
}

/** ezeep moves the expiry on a resend (our simulator: at least 7 more days); read it back. */
async function refreshFromEzeep(org: OrganizationRef, rows: Row[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const wanted = new Map(rows.map((r) => [r.ezeepInvitationId!, r]));
  try {
    for await (const inv of ezeepFor(org).invitations.iterate()) {
      const row = wanted.get(inv.id);
      if (!row) continue;
      const expiresAt = parseEzeepDate(inv.expire_date) ?? row.expiresAt;
      const status = statusFrom(inv.invitation_status, expiresAt, now);
      await db.invitation.update({
        where: { id: row.id },
        data: { expiresAt, status, ...(status === "accepted" && !row.acceptedAt ? { acceptedAt: now } : {}) },
      });
      wanted.delete(inv.id);
      if (wanted.size === 0) break;
    }
  } catch (err) {
    // The resend itself worked; the next sync reads the new expiry.
    moduleLogger("invitations").warn({ err }, "could not re-read invitations after a resend");
  }
}

export async function resendInvitation(
  ctx: OrgContext,
  input: { id: string },
  now = new Date(),
): Promise<InvitationView> {
  const row = await getInvitation(ctx, input.id);
  const sent = await resendRow(ctx, row, { action: "invitation.resend", now });
  await refreshFromEzeep(ctx.organization, [sent], now);
  return toInvitationView(await getInvitation(ctx, row.id), now);
}

export interface BulkResendResult {
  results: { id: string; email: string; outcome: "sent" | "skipped" | "failed"; message: string }[];
  sent: number;
}

export async function bulkResend(
  ctx: OrgContext,
  input: { ids: string[] },
  now = new Date(),
): Promise<BulkResendResult> {
  const ids = [...new Set(input.ids)];
  const rows = await db.invitation.findMany({
    where: { id: { in: ids }, organizationId: ctx.organization.id },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const results: BulkResendResult["results"] = [];
  const sentRows: Row[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) {
      results.push({ id, email: "", outcome: "skipped", message: "Not found: it may have been removed." });
      continue;
    }
    try {
      sentRows.push(await resendRow(ctx, row, { action: "invitation.bulk_resend", now }));
      results.push({ id, email: row.email, outcome: "sent", message: "Resent." });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const ezeep = err instanceof EzeepError;
      if (!ezeep && !(err instanceof UserFacingError)) throw err;
      results.push({ id, email: row.email, outcome: ezeep ? "failed" : "skipped", message });
    }
  }
  await refreshFromEzeep(ctx.organization, sentRows, now);
  return { results, sent: sentRows.length };
}

// ---------------------------------------------------------------------------------------------
// Follow-up (sync)

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

function systemContext(org: OrganizationRef): OrgContext {
  return { actor: SYSTEM_ACTOR, organization: org, role: null };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One follow-up run for one organization at time `now`: reads every invitation from ezeep,
 * imports unknown ones, updates status and expiry, applies the intended role and groups of
 * accepted invitations (once), and sends due reminders. Safe to call again at once (idempotent)
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
  const settings = invitationSettings();
  const system = systemContext(org);
  const summary: SyncSummary = {
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
  const countsBefore = await statusCounts(org);

  // 1. Status and expiry from ezeep (or, if ezeep cannot be read, expiry by our clock alone).
  let remote: Map<string, EzeepInvitation> | null = null;
  const listedAt = new Date(); // rows created after this (an invite meanwhile) are not in the list
  try {
    remote = await allEzeepInvitations(org);
  } catch (err) {
    summary.ezeepError = errorText(err);
  }
  const rows = await db.invitation.findMany({ where: { organizationId: org.id } });
  const byEzeepId = new Map(rows.filter((r) => r.ezeepInvitationId).map((r) => [r.ezeepInvitationId!, r]));
  if (remote) {
    for (const inv of remote.values()) {
      const row = byEzeepId.get(inv.id);
      const ezeepExpiry = parseEzeepDate(inv.expire_date);
      if (!row) {
        const sentAt = parseEzeepDate(inv.updated);
        const sent = sentAt && sentAt < now ? sentAt : now;
        const expiresAt = ezeepExpiry ?? new Date(sent.getTime() + settings.defaultExpiryDays * DAY_MS);
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
        continue;
      }
      const expiresAt =
        ezeepExpiry ?? row.expiresAt ?? new Date(row.sentAt.getTime() + settings.defaultExpiryDays * DAY_MS);
      const status = statusFrom(inv.invitation_status, expiresAt, now);
      if (row.status === "accepted" && status !== "accepted") continue; // never un-accept
      if (status !== row.status || expiresAt.getTime() !== row.expiresAt?.getTime()) {
        await db.invitation.update({
          where: { id: row.id },
          data: {
            status,
            expiresAt,
            ...(status === "accepted" && !row.acceptedAt ? { acceptedAt: now } : {}),
          },
        });
        if (status !== row.status) {
          const lists: Record<string, string[]> = { accepted: summary.accepted, expired: summary.expired };
          (lists[status] ?? summary.revived).push(row.email);
        }
      }
    }
    // Gone from ezeep (the invited user was deleted): withdrawn. Accepted ones keep their history.
    for (const row of rows) {
      if (!row.ezeepInvitationId || remote.has(row.ezeepInvitationId) || row.createdAt >= listedAt) continue;
      if (row.status !== "pending" && row.status !== "expired") continue;
      await db.invitation.update({ where: { id: row.id }, data: { status: "cancelled" } });
      summary.withdrawn.push(row.email);
    }
  } else {
    const overdue = rows.filter((r) => r.status === "pending" && r.expiresAt && r.expiresAt <= now);
    for (const row of overdue) {
      await db.invitation.update({ where: { id: row.id }, data: { status: "expired" } });
      summary.expired.push(row.email);
    }
  }

  // 2. Accepted: the intended role and groups, once. Pending admins whose role failed: retry.
  const current = await db.invitation.findMany({ where: { organizationId: org.id } });
  const needsGroups = current.filter((r) => r.status === "accepted" && !r.groupsAppliedAt);
  const needsRole = current.filter(
    (r) => r.role === "admin" && !r.roleAppliedAt && (r.status === "accepted" || r.status === "pending"),
  );
  const needingUser = [...new Map([...needsGroups, ...needsRole].map((r) => [r.id, r])).values()];
  if (needingUser.length > 0 && !summary.ezeepError) {
    try {
      const missingIds = needingUser.filter((r) => !r.ezeepUserId);
      const found = missingIds.length ? await findUserIds(org, missingIds) : new Map<string, string>();
      for (const [rowId, userId] of found)
        await db.invitation.update({ where: { id: rowId }, data: { ezeepUserId: userId } });
      const userOf = (r: Row) => r.ezeepUserId ?? found.get(r.id) ?? null;
      for (const row of needsRole) {
        const userId = userOf(row);
        if (!userId) continue;
        try {
          await applyRole(system, row, userId, now);
          summary.rolesApplied.push(row.email);
        } catch (err) {
          summary.errors.push(`${row.email}: admin role not set: ${errorText(err)}`);
        }
      }
      const withGroups = needsGroups.filter((r) => parseIds(r.intendedGroupIds).length > 0);
      const existing = withGroups.length ? await groupNames(org) : new Map<string, string>();
      for (const row of needsGroups) {
        const userId = userOf(row);
        if (!userId) {
          summary.errors.push(`${row.email}: accepted, but ezeep lists no user for it yet`);
          continue;
        }
        try {
          await applyGroups(system, row, userId, existing, now);
          await applyDomainRulesToNewUsers(org.id, [{ id: userId, email: row.email }], "invitation"); // domain rules (w15)
          if (parseIds(row.intendedGroupIds).length > 0) summary.groupsApplied.push(row.email);
        } catch (err) {
          summary.errors.push(`${row.email}: groups not applied: ${errorText(err)}`);
        }
      }
    } catch (err) {
      summary.errors.push(`users could not be read from ezeep: ${errorText(err)}`);
    }
  }

  // 3. Reminders for pending invitations on the schedule, as resends by the system.
  if (!summary.ezeepError) {
    const pending = await db.invitation.findMany({
      where: { organizationId: org.id, status: "pending", ezeepInvitationId: { not: null } },
    });
    const reminded: Row[] = [];
    for (const row of pending) {
      const due = nextReminderAt(row, settings);
      if (!due || due > now) continue;
      if (row.expiresAt && row.expiresAt <= now) continue;
      if (lastSendOf(row).getTime() + settings.resendCooldownMs > now.getTime()) continue; // sent moments ago by hand
      try {
        reminded.push(await resendRow(system, row, { action: "invitation.resend", reminder: true, now }));
        summary.reminded.push(row.email);
      } catch (err) {
        summary.errors.push(`${row.email}: reminder not sent: ${errorText(err)}`);
      }
    }
    await refreshFromEzeep(org, reminded, now);
  }

  await recordSync(org, now, requestedBy, summary, countsBefore);
  return summary;
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
