// The authenticator-app second factor of an admin: enrolment (a secret, confirmed by a first
// code), recovery codes, disabling, the sign-in check, and the portal-wide "require it" policy.
// Every change is audited (portal-wide log: organizationId null).
import type { AuditActionName } from "@/lib/audit/actions-catalog";

import "server-only";

import QRCode from "qrcode";

import { canonicalJson, completeEntry, recordAudit, type AuditActor } from "@/lib/audit/service";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { localized } from "@/lib/i18n/scope";
import {
  isTotpCode,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
} from "@/lib/mfa/totp";

const POLICY_ID = "portal";
/** Wrong codes an admin may enter in Settings per window before being told to wait. */
const MAX_WRONG_CODES = 5;
const WRONG_CODE_WINDOW_MS = 15 * 60 * 1000;

export interface MfaActor extends AuditActor {
  id: string;
  label: string;
}

const aad = (adminId: string) => `totp:${adminId}`;
const secretOf = (row: { adminId: string; secretCipher: string }) =>
  decryptSecret(row.secretCipher, aad(row.adminId));

/** Runs a local change with its audit entry: pending first, completed after. */
async function auditedChange<T>(
  actor: MfaActor,
  action: AuditActionName,
  change: { before?: unknown; intended?: unknown; after?: (result: T) => unknown },
  run: () => Promise<T>,
): Promise<T> {
  const target = { type: "admin", id: actor.id, label: actor.label };
  const entryId = await recordAudit({
    organizationId: null,
    actor,
    action,
    target,
    before: change.before,
    after: change.intended,
    outcome: "pending",
  });
  try {
    const result = await run();
    const after = change.after ? change.after(result) : change.intended;
    await completeEntry(entryId, { outcome: "success", after: canonicalJson(after ?? null) });
    return result;
  } catch (err) {
    await completeEntry(entryId, {
      outcome: "failure",
      error: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}

/** Records a refused attempt (wrong code, invalid input) and throws its message to the caller. */
export async function refuse(actor: AuditActor, action: AuditActionName, error: string): Promise<never> {
  await recordAudit({
    organizationId: null,
    actor,
    action,
    target: { type: "admin", id: actor.id, label: actor.label },
    outcome: "failure",
    error,
  });
  throw new UserFacingError(error);
}

async function assertNotGuessing(actor: MfaActor, action: AuditActionName): Promise<void> {
  const recent = await db.auditEntry.count({
    where: {
      actorId: actor.id,
      action: { startsWith: "admin.totp." },
      outcome: "failure",
      at: { gte: new Date(Date.now() - WRONG_CODE_WINDOW_MS) },
    },
  });
  if (recent >= MAX_WRONG_CODES)
    await refuse(
      actor,
      action,
      localized((t) => t("settings.twoFactor.tooManyWrong")),
    );
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** While enrolling: what the authenticator app needs. */
  enrolment: { secret: string; uri: string; qrDataUrl: string } | null;
  requiredByPolicy: boolean;
}

export async function twoFactorStatus(admin: { id: string; email: string }): Promise<TwoFactorStatus> {
  const [row, left, policy] = await Promise.all([
    db.adminTotp.findUnique({ where: { adminId: admin.id } }),
    db.adminRecoveryCode.count({ where: { adminId: admin.id, usedAt: null } }),
    readPolicy(),
  ]);
  let enrolment: TwoFactorStatus["enrolment"] = null;
  if (row && !row.enabledAt) {
    const secret = secretOf(row);
    const uri = otpauthUri(secret, admin.email);
    const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    enrolment = {
      secret,
      uri,
      qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    };
  }
  return {
    enabled: Boolean(row?.enabledAt),
    enabledAt: row?.enabledAt ?? null,
    recoveryCodesLeft: row?.enabledAt ? left : 0,
    enrolment,
    requiredByPolicy: policy.requireTotp,
  };
}

/** Starts (or restarts) enrolment with a new secret; refused while the second factor is on. */
export async function startEnrolment(actor: MfaActor): Promise<void> {
  const current = await db.adminTotp.findUnique({ where: { adminId: actor.id } });
  if (current?.enabledAt)
    await refuse(
      actor,
      "admin.totp.enrol",
      "Two-factor sign-in is already on. Turn it off first to set up a new app.",
    );
  const secretCipher = encryptSecret(newTotpSecret(), aad(actor.id));
  await auditedChange(actor, "admin.totp.enrol", { intended: { enrolment: "started" } }, () =>
    db.adminTotp.upsert({
      where: { adminId: actor.id },
      create: { adminId: actor.id, secretCipher },
      update: { secretCipher, lastUsedStep: 0 },
    }),
  );
}

/** Turns the second factor on once the first code matches; returns the recovery codes (shown once). */
export async function confirmEnrolment(actor: MfaActor, code: string): Promise<string[]> {
  const action = "admin.totp.enable";
  await assertNotGuessing(actor, action);
  const row = await db.adminTotp.findUnique({ where: { adminId: actor.id } });
  if (!row || row.enabledAt)
    return refuse(
      actor,
      action,
      localized((t) => t("settings.twoFactor.noSetup")),
    );
  const step = matchingStep(secretOf(row), code);
  if (step === null)
    return refuse(
      actor,
      action,
      localized((t) => t("settings.twoFactor.invalidCode")),
    );
  const codes = newRecoveryCodes();
  await auditedChange(
    actor,
    action,
    { before: { enabled: false }, intended: { enabled: true, recoveryCodes: codes.length } },
    () =>
      db.$transaction([
        db.adminTotp.update({
          where: { adminId: actor.id },
          data: { enabledAt: new Date(), lastUsedStep: step },
        }),
        db.adminRecoveryCode.deleteMany({ where: { adminId: actor.id } }),
        db.adminRecoveryCode.createMany({
          data: codes.map((c) => ({ adminId: actor.id, codeHash: recoveryCodeHash(actor.id, c) })),
        }),
      ]),
  );
  return codes;
}

/** Turns the second factor off; needs a current code from the app. Refused while the policy requires it. */
export async function disableTwoFactor(actor: MfaActor, code: string): Promise<void> {
  const action = "admin.totp.disable";
  await assertNotGuessing(actor, action);
  const row = await db.adminTotp.findUnique({ where: { adminId: actor.id } });
  if (!row?.enabledAt)
    return refuse(
      actor,
      action,
      localized((t) => t("settings.twoFactor.notOn")),
    );
  if ((await readPolicy()).requireTotp)
    return refuse(
      actor,
      action,
      localized((t) => t("settings.twoFactor.cannotTurnOff")),
    );
  if (!(await consumeTotpStep(row, code)))
    return refuse(
      actor,
      action,
      localized((t) => t("settings.twoFactor.invalidCode")),
    );
  await auditedChange(actor, action, { before: { enabled: true }, intended: { enabled: false } }, () =>
    db.$transaction([
      db.adminTotp.delete({ where: { adminId: actor.id } }),
      db.adminRecoveryCode.deleteMany({ where: { adminId: actor.id } }),
    ]),
  );
}

/** Accepts a code once: its time step must be later than the last one used (atomic). */
async function consumeTotpStep(
  row: { adminId: string; secretCipher: string },
  code: string,
): Promise<boolean> {
  const step = matchingStep(secretOf(row), code);
  if (step === null) return false;
  const { count } = await db.adminTotp.updateMany({
    where: { adminId: row.adminId, enabledAt: { not: null }, lastUsedStep: { lt: step } },
    data: { lastUsedStep: step },
  });
  return count === 1;
}

export type SecondFactorResult =
  | { status: "not_enrolled" }
  | { status: "required" }
  | { status: "ok"; method: "totp" | "recovery_code"; recoveryCodesLeft?: number }
  | { status: "invalid" };

/** The sign-in check after a correct password: a TOTP code or an unused recovery code. */
export async function checkSecondFactor(
  adminId: string,
  code: string | null | undefined,
): Promise<SecondFactorResult> {
  const row = await db.adminTotp.findUnique({ where: { adminId } });
  if (!row?.enabledAt) return { status: "not_enrolled" };
  const input = code?.trim() ?? "";
  if (!input) return { status: "required" };
  if (isTotpCode(input))
    return (await consumeTotpStep(row, input)) ? { status: "ok", method: "totp" } : { status: "invalid" };
  const { count } = await db.adminRecoveryCode.updateMany({
    where: { adminId, codeHash: recoveryCodeHash(adminId, input), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count !== 1) return { status: "invalid" };
  const left = await db.adminRecoveryCode.count({ where: { adminId, usedAt: null } });
  return { status: "ok", method: "recovery_code", recoveryCodesLeft: left };
}

export async function readPolicy(): Promise<{
  requireTotp: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}> {
  const row = await db.portalSecurityPolicy.findUnique({ where: { id: POLICY_ID } });
  return {
    requireTotp: row?.requireTotp ?? false,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** Whether this admin must enrol before using the portal (the policy is on and they have no second factor). */
export async function totpEnrolmentRequired(adminId: string): Promise<boolean> {
  const [policy, row] = await Promise.all([
    db.portalSecurityPolicy.findUnique({ where: { id: POLICY_ID }, select: { requireTotp: true } }),
    db.adminTotp.findUnique({ where: { adminId }, select: { enabledAt: true } }),
  ]);
  return Boolean(policy?.requireTotp) && !row?.enabledAt;
}

/** Requires (or stops requiring) a second factor for every admin. The owner must have one first. */
export async function setRequireTotp(actor: MfaActor, requireTotp: boolean): Promise<void> {
  const action = "portal.require_totp";
  const own = await db.adminTotp.findUnique({ where: { adminId: actor.id }, select: { enabledAt: true } });
  if (requireTotp && !own?.enabledAt)
    await refuse(
      actor,
      action,
      localized((t) => t("settings.twoFactor.enableYourselfFirst")),
    );
  const before = await readPolicy();
  await recordPolicyChange(actor, action, before.requireTotp, requireTotp);
}

async function recordPolicyChange(
  actor: MfaActor,
  action: AuditActionName,
  before: boolean,
  requireTotp: boolean,
) {
  const entryId = await recordAudit({
    organizationId: null,
    actor,
    action,
    target: { type: "portal", id: POLICY_ID, label: "Portal security policy" },
    before: { requireTotp: before },
    after: { requireTotp },
    outcome: "pending",
  });
  await db.portalSecurityPolicy.upsert({
    where: { id: POLICY_ID },
    create: { id: POLICY_ID, requireTotp, updatedBy: actor.label },
    update: { requireTotp, updatedAt: new Date(), updatedBy: actor.label },
  });
  await completeEntry(entryId, { outcome: "success" });
}
