// Resending invitations (by hand, in bulk, and as the follow-up's reminders) and adopting ones the
// portal found in ezeep. A send is claimed in the database first, so it never goes out twice.
import "server-only";

import { audited, OutcomeUnknownError, recordAudit } from "@/lib/audit/service";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { EzeepError } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { invitationSettings } from "@/lib/invitations/config";
import { parseEzeepDate, statusFrom } from "@/lib/invitations/ezeep-data";
import {
  getInvitation,
  lastSendOf,
  snapshot,
  toInvitationView,
  type InvitationView,
  type Row,
} from "@/lib/invitations/views";
import { moduleLogger } from "@/lib/observability/logger";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/invitations/reconcile-changes";

export interface ResendOptions {
  action: "invitation.resend" | "invitation.bulk_resend";
  /** Automatic reminders skip the cooldown check (their schedule is days apart). */
  reminder?: boolean;
  now: Date;
}

type Translate = Awaited<ReturnType<typeof translator<"invitations">>>;

function cooldownMessage(t: Translate, row: Row, now: Date, cooldownMs: number): string | null {
  const available = lastSendOf(row).getTime() + cooldownMs;
  if (available <= now.getTime()) return null;
  const minutes = Math.max(1, Math.ceil((available - now.getTime()) / 60_000));
  const ago = Math.max(0, Math.round((now.getTime() - lastSendOf(row).getTime()) / 60_000));
  return ago === 0 ? t("errors.sentJustNow", { minutes }) : t("errors.sentAgo", { ago, minutes });
}

/** Checks without side effects why a resend is not possible, or null when it is. */
function resendRefusal(t: Translate, row: Row, now: Date, opts: { cooldown: boolean }): string | null {
  if (row.status === "accepted") return t("errors.alreadyAccepted");
  if (row.status === "cancelled") return t("errors.noLongerInEzeep");
  if (!row.ezeepInvitationId) return t("errors.unknownToEzeep");
  return opts.cooldown ? cooldownMessage(t, row, now, invitationSettings().resendCooldownMs) : null;
}

/**
 * One resend (PATCH /v1/userinvitations/<id>/). The send is claimed in the database first
 * (reminderCount as a version), so two admins or two portal instances never send it twice.
 */
export async function resendRow(ctx: OrgContext, row: Row, opts: ResendOptions): Promise<Row> {
  const t = await translator("invitations");
  const refusal = resendRefusal(t, row, opts.now, { cooldown: !opts.reminder });
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
  if (claimed.count !== 1) throw new UserFacingError(t("errors.resentBySomeoneElse"));
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
    // ezeep may have sent it (its answer was lost): keep the claim, so it is not sent twice.
    if (err instanceof OutcomeUnknownError) throw err;
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
export async function refreshFromEzeep(org: OrganizationRef, rows: Row[], now: Date): Promise<void> {
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
  const t = await translator("invitations");
  const sentRows: Row[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) {
      results.push({ id, email: "", outcome: "skipped", message: t("errors.bulkNotFound") });
      continue;
    }
    try {
      sentRows.push(await resendRow(ctx, row, { action: "invitation.bulk_resend", now }));
      results.push({ id, email: row.email, outcome: "sent", message: t("errors.bulkResent") });
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

/**
 * Takes over an invitation the portal found in ezeep (sent from elsewhere): from now on the portal
 * sends its reminders like its own. Audited; refused (and audited) when there is nothing to adopt.
 */
export async function adoptInvitation(
  ctx: OrgContext,
  input: { id: string },
  now = new Date(),
): Promise<InvitationView> {
  const row = await getInvitation(ctx, input.id);
  const refusal = adoptRefusal(await translator("invitations"), row);
  if (refusal) {
    await recordAudit({
      organizationId: ctx.organization.id,
      actor: ctx.actor,
      action: "invitation.adopt",
      target: { type: "invitation", id: row.id, label: row.email },
      before: snapshot(row),
      outcome: "failure",
      error: refusal,
    });
    throw new UserFacingError(refusal);
  }
  const adopted = await db.invitation.updateMany({
    where: { id: row.id, adoptedAt: null },
    data: { adoptedAt: now, adoptedByLabel: ctx.actor.label },
  });
  if (adopted.count === 1)
    await recordAudit({
      organizationId: ctx.organization.id,
      actor: ctx.actor,
      action: "invitation.adopt",
      target: { type: "invitation", id: row.id, label: row.email },
      before: { ...snapshot(row), adopted: false },
      after: { ...snapshot(row), adopted: true, remindersFrom: "the portal" },
      outcome: "success",
    });
  return toInvitationView(await getInvitation(ctx, row.id), now);
}

function adoptRefusal(t: Translate, row: Row): string | null {
  if (row.origin !== "ezeep") return t("errors.notAdoptable");
  if (row.adoptedAt) return t("errors.alreadyAdopted");
  if (row.status !== "pending") return t("errors.onlyPendingAdopt");
  return null;
}
