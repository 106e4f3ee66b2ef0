// Email + password check behind next-auth's credentials provider: throttled, audited, and
// equally slow whether or not the account exists.
import { recordAudit } from "@/lib/audit/service";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordSignInAttempt, signInRetryAfter } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { recordSignInFailure } from "@/lib/observability/metrics";

export class SignInThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

let dummyHash: Promise<string> | undefined;

export interface SignInRequest {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export async function authenticateAdmin(
  req: SignInRequest,
): Promise<{ id: string; email: string; name: string } | null> {
  const email = req.email.trim().toLowerCase();
  const retryAfter = await signInRetryAfter(email, req.ip);
  if (retryAfter > 0) {
    await recordAudit({
      organizationId: null,
      actor: { type: "admin", id: null, label: email, ip: req.ip, userAgent: req.userAgent },
      action: "admin.sign_in",
      target: { type: "admin", label: email },
      outcome: "failure",
      error: "throttled",
    });
    recordSignInFailure("throttled");
    throw new SignInThrottledError(retryAfter);
  }
  const admin = await db.admin.findUnique({ where: { email } });
  const passwordOk = admin
    ? await verifyPassword(req.password, admin.passwordHash)
    : await verifyPassword(req.password, await (dummyHash ??= hashPassword("no such admin")));
  const success = Boolean(admin && passwordOk && !admin.disabledAt);
  await recordSignInAttempt(email, req.ip, success);
  let failure: string | null = null;
  if (!success) failure = admin?.disabledAt ? "account disabled" : "wrong email or password";
  if (failure) recordSignInFailure(admin?.disabledAt ? "disabled" : "credentials");
  await recordAudit({
    organizationId: null,
    actor: {
      type: "admin",
      id: admin?.id ?? null,
      label: admin?.email ?? email,
      ip: req.ip,
      userAgent: req.userAgent,
    },
    action: "admin.sign_in",
    target: { type: "admin", id: admin?.id ?? null, label: email },
    outcome: success ? "success" : "failure",
    error: failure,
  });
  return success && admin ? { id: admin.id, email: admin.email, name: admin.name } : null;
}
