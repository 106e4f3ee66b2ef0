// Sign-in throttling per account and per IP, kept in the database so it holds across portal
// instances. Failures count within a sliding window and are forgiven by a successful sign-in.
import { db } from "@/lib/db";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

async function failuresSince(key: string, now: Date) {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { key, success: true, at: { gte: windowStart } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const since = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  return db.loginAttempt.findMany({
    where: { key, success: false, at: { gt: since } },
    orderBy: { at: "asc" },
    select: { at: true },
  });
}

/** Seconds until another attempt is allowed, or 0 when the attempt may go ahead. */
export async function signInRetryAfter(email: string, ip: string | null, now = new Date()): Promise<number> {
  const checks: [string, number][] = [[emailKey(email), MAX_FAILURES_PER_EMAIL]];
  if (ip) checks.push([ipKey(ip), MAX_FAILURES_PER_IP]);
  let wait = 0;
  for (const [key, max] of checks) {
    const failures = await failuresSince(key, now);
    if (failures.length >= max) {
      const unlockAt = failures[failures.length - max].at.getTime() + THROTTLE_WINDOW_MS;
      wait = Math.max(wait, Math.ceil((unlockAt - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordSignInAttempt(email: string, ip: string | null, success: boolean): Promise<void> {
  const keys = [emailKey(email), ...(ip ? [ipKey(ip)] : [])];
  await db.loginAttempt.createMany({ data: keys.map((key) => ({ key, success })) });
  // Old attempts carry no information once outside the window; keep the table small.
  if (Math.random() < 0.02) {
    await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(Date.now() - THROTTLE_WINDOW_MS) } } });
  }
}
