// The second step of password sign-in (lib/auth/sign-in.ts calls it after a correct password,
// before the attempt is counted by the throttle). One next-auth credentials call carries email,
// password and — for admins with a second factor — the code, so the password check and the
// throttle stay exactly as they are: a wrong code is a failed attempt like a wrong password.
import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { checkSecondFactor } from "@/lib/mfa/service";

/** next-auth reports a thrown error's message to the form; this one makes it ask for the code. */
export const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";
export const SECOND_FACTOR_INVALID =
  "That code is not valid. Enter the current code from your app, or a recovery code.";

export class SecondFactorRequiredError extends Error {
  constructor() {
    super(SECOND_FACTOR_REQUIRED);
  }
}

export interface SecondFactorStep {
  /** The password may stand alone, or the code matched. */
  ok: boolean;
  /** Password correct, second factor on, no code sent: ask for it (not a failed attempt). */
  required: boolean;
  error?: string;
  /** Recorded in the sign-in entry: how the second factor was given. */
  detail?: { secondFactor: string; recoveryCodesLeft?: number };
}

export async function secondFactorStep(
  adminId: string | null,
  req: { email: string; code?: string | null; ip: string | null; userAgent: string | null },
): Promise<SecondFactorStep> {
  if (!adminId) return { ok: false, required: false };
  const result = await checkSecondFactor(adminId, req.code);
  switch (result.status) {
    case "not_enrolled":
      return { ok: true, required: false };
    case "ok":
      return {
        ok: true,
        required: false,
        detail: { secondFactor: result.method, recoveryCodesLeft: result.recoveryCodesLeft },
      };
    case "invalid":
      return {
        ok: false,
        required: false,
        error: "wrong second-factor code",
        detail: { secondFactor: "invalid" },
      };
    case "required":
      // Not a failed attempt, but on record: the password was right and the code was asked for.
      await recordAudit({
        organizationId: null,
        actor: { type: "admin", id: adminId, label: req.email, ip: req.ip, userAgent: req.userAgent },
        action: "admin.sign_in",
        target: { type: "admin", id: adminId, label: req.email },
        outcome: "failure",
        error: "second factor required",
      });
      return { ok: false, required: true };
  }
}
