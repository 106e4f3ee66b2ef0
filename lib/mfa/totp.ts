// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app
// understands) and one-time recovery codes. Pure functions; storage is in lib/mfa/service.ts.
import { createHash, randomBytes } from "node:crypto";

import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
/** Codes of the previous and next 30 s step are accepted too (clock drift). */
const DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "ezeep Admin Portal";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = "admin"): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app scans (as a QR code). */
export function otpauthUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The code for `at` (tests and the e2e run act as the authenticator app). */
export function totpCode(secret: string, at = Date.now()): string {
  return totp(secret).generate({ timestamp: at });
}

export const isTotpCode = (input: string) => /^\d{6}$/.test(input.replace(/\s+/g, ""));

/**
 * The 30-second time step a valid code belongs to, or null. The caller accepts a step only when
 * it is later than the last one used, so a code (even an observed one) works once.
 */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now, window: DRIFT_STEPS });
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read off a printout

/** Ten codes of 16 characters (~79 bits each), shown once as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Stored form: SHA-256 over the admin id and the code (the codes are long and random). */
export function recoveryCodeHash(adminId: string, code: string): string {
  return createHash("sha256")
    .update(`${adminId}:${normalizeRecoveryCode(code)}`)
    .digest("hex");
}
