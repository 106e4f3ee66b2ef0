// Email + password check behind next-auth's credentials provider: throttled, audited, and
// equally slow whether or not the account exists.
import "server-only";

import { recordUnauthenticatedFailure } from "@/lib/audit/refusals";
import { recordAudit } from "@/lib/audit/service";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordSignInAttempt, signInRetryAfter } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { localized } from "@/lib/i18n/scope";
import { SecondFactorRequiredError, secondFactorStep } from "@/lib/mfa/sign-in";
import { recordSignInFailure as countSignInFailure } from "@/lib/observability/metrics";

export class SignInThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(localized((t) => t("auth.signIn.throttled", { minutes })));
  }
}

/**
 * Why a sign-in failed before any second factor: the key is the metric's label
 * (sign_in_failures{reason}), the value the reason the audit entry records.
 */
const SIGN_IN_FAILURES = {
  throttled: "throttled",
  disabled: "account disabled",
  credentials: "wrong email or password",
} as const;
type SignInFailure = keyof typeof SIGN_IN_FAILURES;

/** A wrong password and an unknown email are one kind: the answer must not tell them apart. */
function passwordFailure(admin: { disabledAt: Date | null } | null): SignInFailure {
  return admin?.disabledAt ? "disabled" : "credentials";
}

let dummyHash: Promise<string> | undefined;

export interface SignInRequest {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** Authenticator-app or recovery code, for admins with a second factor (lib/mfa). */
  code?: string | null;
}

export async function authenticateAdmin(
  req: SignInRequest,
): Promise<{ id: string; email: string; name: string } | null> {
  const email = req.email.trim().toLowerCase();
  const retryAfter = await signInRetryAfter(email, req.ip);
  if (retryAfter > 0) {
    await recordSignInFailure(req, email, null, SIGN_IN_FAILURES.throttled);
    countSignInFailure("throttled");
    throw new SignInThrottledError(retryAfter);
  }
  const admin = await db.admin.findUnique({ where: { email } });
  const passwordOk = admin
    ? await verifyPassword(req.password, admin.passwordHash)
    : await verifyPassword(req.password, await (dummyHash ??= hashPassword("no such admin")));
  // The second factor is checked only after a correct password, before the attempt counts.
  const factor = await secondFactorStep(admin && passwordOk && !admin.disabledAt ? admin.id : null, req);
  const success = Boolean(admin && passwordOk && !admin.disabledAt && factor.ok);
  if (factor.required) throw new SecondFactorRequiredError();
  await recordSignInAttempt(email, req.ip, success);
  if (!success || !admin) {
    // A wrong second-factor code comes from someone who knew the password: always its own entry.
    if (factor.error) {
      countSignInFailure("second_factor");
      await recordAudit(signInEntry(req, email, admin?.id ?? null, factor.error));
    } else {
      const failure = passwordFailure(admin);
      countSignInFailure(failure);
      await recordSignInFailure(req, email, admin?.id ?? null, SIGN_IN_FAILURES[failure]);
    }
    return null;
  }
  await recordAudit({
    organizationId: null,
    actor: { type: "admin", id: admin.id, label: admin.email, ip: req.ip, userAgent: req.userAgent },
    action: "admin.sign_in",
    target: { type: "admin", id: admin.id, label: email },
    after: factor.detail,
    outcome: "success",
  });
  return { id: admin.id, email: admin.email, name: admin.name };
}

/** Failed sign-ins are unauthenticated: aggregated per source and minute (lib/audit/refusals.ts). */
async function recordSignInFailure(req: SignInRequest, email: string, adminId: string | null, error: string) {
  await recordUnauthenticatedFailure("sign_in", req.ip, signInEntry(req, email, adminId, error));
}

function signInEntry(req: SignInRequest, email: string, adminId: string | null, error: string) {
  return {
    organizationId: null,
    actor: { type: "admin" as const, id: adminId, label: email, ip: req.ip, userAgent: req.userAgent },
    action: "admin.sign_in" as const,
    target: { type: "admin", id: adminId, label: email },
    outcome: "failure" as const,
    error,
  };
}
