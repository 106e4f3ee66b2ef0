// Inviting people: one POST /v1/userinvitations/ per address, each tracked with its intended
// role and groups and audited, also the addresses never sent. A send whose answer was lost is
// read back by e-mail (lib/invitations/reconcile.ts); a repeat first settles that earlier attempt,
// so an invitation ezeep did create is tracked, not refused or sent twice.
import "server-only";

import { audited, OutcomeUnknownError, recordAudit } from "@/lib/audit/service";
import { settleEarlierAttempts } from "@/lib/audit/unknown";
import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { EzeepError, type Invitation as EzeepInvitation } from "@/lib/ezeep";
import { translator } from "@/lib/i18n/server";
import { applyRole } from "@/lib/invitations/apply";
import { DAY_MS, invitationSettings } from "@/lib/invitations/config";
import { findUserIds, groupNames, parseEzeepDate, statusFrom } from "@/lib/invitations/ezeep-data";
import { parseAddressList, type InvitationRole, type InviteInput } from "@/lib/invitations/schemas";
import type { Row } from "@/lib/invitations/views";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/invitations/reconcile";

export type AddressOutcome =
  | "sent" // invitation created in ezeep and tracked
  | "invalid" // not an email address; nothing sent
  | "duplicate" // the same address earlier in the same request; sent once
  | "rejected" // ezeep refused it (already invited, already a user, …)
  | "failed" // ezeep could not be reached or failed (or did not answer and it was not applied)
  | "unknown"; // ezeep did not answer and could not be read back yet: it may have been sent

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

/** What one invite request intends for every address. */
export interface InviteIntent {
  role: InvitationRole;
  groupIds: string[];
  groupLabels: string[];
  expireDate: Date;
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

/**
 * Inviting is helpdesk work; choosing the ezeep admin role or group memberships is not: the same
 * permissions as changing a user's roles or memberships directly.
 */
async function checkChoicesAllowed(ctx: OrgContext, input: InviteInput): Promise<void> {
  if (input.role === "admin" && !can(ctx.role, "users.write")) {
    await attemptDenied(ctx, "permission denied: inviting as ezeep admin needs users.write", input);
    const t = await translator("invitations");
    throw new UserFacingError(t("errors.adminRoleDenied"), { role: [t("errors.adminRoleDeniedField")] });
  }
  if (input.groupIds.length > 0 && !can(ctx.role, "memberships.write")) {
    await attemptDenied(ctx, "permission denied: choosing groups needs memberships.write", input);
    const t = await translator("invitations");
    throw new UserFacingError(t("errors.groupsDenied"), { groupIds: [t("errors.groupsDeniedField")] });
  }
}

/** The chosen groups' names; refuses (audited) groups ezeep no longer has. */
async function chosenGroupLabels(ctx: OrgContext, input: InviteInput, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  let names: Map<string, string>;
  try {
    names = await groupNames(ctx.organization);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    await attemptDenied(ctx, `groups could not be read from ezeep: ${why}`, input);
    throw err;
  }
  const unknown = groupIds.filter((id) => !names.has(id));
  if (unknown.length > 0) {
    await attemptDenied(ctx, `unknown group ids: ${unknown.join(", ")}`, input);
    const t = await translator("invitations");
    throw new UserFacingError(t("errors.groupGone"), { groupIds: [t("errors.groupGoneField")] });
  }
  return groupIds.map((id) => names.get(id) ?? id);
}

export async function inviteMany(
  ctx: OrgContext,
  input: InviteInput,
  now = new Date(),
): Promise<InviteResult> {
  await checkChoicesAllowed(ctx, input);
  const groupIds = [...new Set(input.groupIds)];
  const groupLabels = await chosenGroupLabels(ctx, input, groupIds);
  const days = input.expiresInDays ?? invitationSettings().defaultExpiryDays;
  const expireDate = new Date(now.getTime() + days * DAY_MS);
  expireDate.setUTCMilliseconds(0);
  const intent: InviteIntent = { role: input.role, groupIds, groupLabels, expireDate };

  const results: AddressResult[] = [];
  const sentRows: Row[] = [];
  for (const address of parseAddressList(input.emails)) {
    if (address.problem) {
      results.push(await refuseAddress(ctx, address, input.role));
      continue;
    }
    const { result, row } = await inviteOne(ctx, address, intent, now);
    results.push(result);
    if (row) sentRows.push(row);
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

async function refuseAddress(
  ctx: OrgContext,
  address: { input: string; email: string | null; problem: "invalid" | "duplicate" },
  role: InvitationRole,
): Promise<AddressResult> {
  const invalid = address.problem === "invalid";
  await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: "invitation.create",
    target: { type: "invitation", label: address.input.slice(0, 254) },
    after: { attemptedInput: { email: address.input.slice(0, 254), role } },
    outcome: "failure",
    error: invalid ? "invalid email address" : "duplicate address in the same request",
  });
  const t = await translator("invitations");
  const message = invalid ? t("errors.invalidAddress") : t("errors.duplicateAddress");
  return { input: address.input, email: address.email, outcome: address.problem, message };
}

/**
 * Records (or updates) the portal's row for an invitation ezeep created, with the intended role
 * and groups. The follow-up may have imported it in the meantime: the portal's intent wins.
 */
export async function trackInvitation(
  ctx: Pick<OrgContext, "organization">,
  created: EzeepInvitation,
  track: {
    email: string;
    role: InvitationRole;
    groupIds: string[];
    sentAt: Date;
    by: { id: string | null; label: string };
  },
): Promise<Row> {
  const expiresAt =
    parseEzeepDate(created.expire_date) ??
    new Date(track.sentAt.getTime() + invitationSettings().defaultExpiryDays * DAY_MS);
  const data = {
    email: created.email.toLowerCase() || track.email,
    role: track.role,
    intendedGroupIds: JSON.stringify(track.groupIds),
    invitedById: track.by.id,
    invitedByLabel: track.by.label,
    origin: "portal",
    status: statusFrom(created.invitation_status, expiresAt, new Date()),
    sentAt: track.sentAt,
    expiresAt,
  };
  const key = { organizationId: ctx.organization.id, ezeepInvitationId: created.id };
  return db.invitation.upsert({
    where: { organizationId_ezeepInvitationId: key },
    create: { ...key, ...data },
    update: data,
  });
}

async function inviteOne(
  ctx: OrgContext,
  address: { input: string; email: string },
  intent: InviteIntent,
  now: Date,
): Promise<{ result: AddressResult; row?: Row }> {
  const email = address.email;
  const t = await translator("invitations");
  const sent = (row: Row, message = t("errors.sent")) => ({
    result: { input: address.input, email, outcome: "sent" as const, message, invitationId: row.id },
    row,
  });
  // A repeat after a lost answer: settle what the earlier attempt made before sending again.
  const earlier = await settleEarlierAttempts(ctx.organization, "invitation.create", email);
  if (earlier.applied > 0) {
    const row = await db.invitation.findFirst({
      where: { organizationId: ctx.organization.id, email, status: "pending" },
      orderBy: { sentAt: "desc" },
    });
    if (row) return sent(row, t("errors.sentBefore"));
  }
  try {
    return sent(await sendInvitation(ctx, email, intent, now));
  } catch (err) {
    return { result: await notSent(ctx, address, err) };
  }
}

function sendInvitation(ctx: OrgContext, email: string, intent: InviteIntent, now: Date): Promise<Row> {
  const { role, groupIds, groupLabels, expireDate } = intent;
  return audited(ctx, {
    action: "invitation.create",
    target: { type: "invitation", label: email },
    intended: { email, role, groups: groupLabels, groupIds, expiresAt: expireDate.toISOString() },
    run: async () => {
      const created = await ezeepFor(ctx.organization).invitations.create({ email, expire_date: expireDate });
      const by = { id: ctx.actor.id, label: ctx.actor.label };
      const saved = await trackInvitation(ctx, created, { email, role, groupIds, sentAt: now, by });
      return {
        result: saved,
        after: {
          email,
          role,
          groups: groupLabels,
          status: saved.status,
          expiresAt: saved.expiresAt?.toISOString() ?? null,
          ezeepInvitationId: created.id,
        },
        target: { type: "invitation", id: saved.id, label: email },
      };
    },
  });
}

/** ezeep's 4xx refusals (already invited, already a user) as "rejected"; the rest "failed". */
function isRefusal(err: EzeepError): boolean {
  const s = err.status;
  return s !== null && s >= 400 && s < 500 && s !== 401 && s !== 403 && s !== 429;
}

async function notSent(
  ctx: OrgContext,
  address: { input: string; email: string },
  err: unknown,
): Promise<AddressResult> {
  const { input, email } = address;
  const t = await translator("invitations");
  if (err instanceof EzeepError && isRefusal(err)) {
    const pending = await db.invitation.findFirst({
      where: { organizationId: ctx.organization.id, email, status: { in: ["pending", "expired"] } },
      orderBy: { sentAt: "desc" },
    });
    const reason = err.fieldErrors?.email?.[0] ?? err.message;
    const message = pending
      ? t("errors.refusedResendHint", { reason, date: pending.sentAt.toISOString().slice(0, 10) })
      : t("errors.refused", { reason });
    return { input, email, outcome: "rejected", message };
  }
  if (err instanceof EzeepError)
    return { input, email, outcome: "failed", message: t("errors.notSent", { reason: err.message }) };
  // A lost answer, read back (or not yet readable): the words come from lib/audit.
  if (err instanceof OutcomeUnknownError) return { input, email, outcome: "unknown", message: err.message };
  if (err instanceof UserFacingError) return { input, email, outcome: "failed", message: err.message };
  throw err;
}

async function applyRolesNow(ctx: OrgContext, rows: Row[], now: Date): Promise<Map<string, string>> {
  const warnings = new Map<string, string>();
  const system: OrgContext = { ...ctx };
  const t = await translator("invitations");
  const retried = (err: unknown) =>
    t("errors.adminRoleLater", { reason: err instanceof Error ? err.message : String(err) });
  let ids: Map<string, string>;
  try {
    ids = await findUserIds(ctx.organization, rows);
  } catch (err) {
    for (const r of rows) warnings.set(r.id, retried(err));
    return warnings;
  }
  for (const row of rows) {
    const userId = ids.get(row.id);
    if (!userId) {
      warnings.set(row.id, t("errors.adminRoleByFollowUp"));
      continue;
    }
    await db.invitation.update({ where: { id: row.id }, data: { ezeepUserId: userId } });
    try {
      await applyRole(system, { ...row, ezeepUserId: userId }, userId, now);
    } catch (err) {
      warnings.set(row.id, retried(err));
    }
  }
  return warnings;
}
