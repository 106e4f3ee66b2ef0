// Invitations as the pages show them: list, one invitation, the overview card — from the
// portal's database only (no ezeep call).
import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { translator } from "@/lib/i18n/server";
import { DAY_MS, invitationSettings, nextReminderAt } from "@/lib/invitations/config";
import type { InvitationRole, InvitationStatus, ListInvitationsQuery } from "@/lib/invitations/schemas";

export type Row = NonNullable<Awaited<ReturnType<typeof db.invitation.findFirst>>>;

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
  /** Found in ezeep (not sent by the portal) and taken over by an admin: reminders go out for it. */
  adoptedAt: Date | null;
  /** Found in ezeep, still pending, not adopted: an admin may adopt it. */
  canAdopt: boolean;
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

export function lastSendOf(row: Pick<Row, "sentAt" | "lastRemindedAt">): Date {
  return row.lastRemindedAt && row.lastRemindedAt > row.sentAt ? row.lastRemindedAt : row.sentAt;
}

/**
 * Automatic reminders go out only for pending invitations the portal sent, or ones found in
 * ezeep that an admin adopted: the portal never nags people on someone else's behalf.
 */
export function remindsAutomatically(row: Pick<Row, "status" | "origin" | "adoptedAt">): boolean {
  return row.status === "pending" && (row.origin !== "ezeep" || row.adoptedAt !== null);
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
    adoptedAt: row.adoptedAt,
    canAdopt: row.origin === "ezeep" && !row.adoptedAt && row.status === "pending",
    resendAvailableAt: resendable && availableAt > now ? availableAt : null,
    canResend: resendable,
    nextReminderAt: remindsAutomatically(row) ? nextReminderAt(row, settings) : null,
  };
}

/** What the audit log keeps of an invitation. */
export function snapshot(row: Row) {
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
  if (!row) throw new UserFacingError((await translator("invitations"))("errors.notFound"));
  return row;
}

export interface InvitationSummary {
  pending: number;
  /** Pending invitations by age, youngest first (the card names the buckets). */
  pendingByAge: { age: "under3Days" | "from3to7Days" | "over7Days"; count: number }[];
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
      { age: "under3Days", count: fresh },
      { age: "from3to7Days", count: week },
      { age: "over7Days", count: older },
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
