// Sign-in throttling, kept in the database so it holds across portal instances. Three rules, each
// over a sliding window of THROTTLE_WINDOW_MS (figures in the README, "Sign-in throttling"):
// 1. per (account, source): MAX_FAILURES_PER_PAIR failures, then exponential backoff after the last
//    failure; only a success of that account from that source forgives them.
// 2. per source: MAX_FAILURES_PER_IP failures across all accounts; no success resets it, so one
//    account an attacker controls cannot launder guesses against the others.
// 3. per account, all sources: above ACCOUNT_SOFT_LIMIT failures each further attempt must wait an
//    increasing delay (capped at ACCOUNT_MAX_DELAY_S) after the account's last failure. A delay, not
//    a lock: strangers can slow a known e-mail down but never lock its owner out.
import "server-only";

import { db } from "@/lib/db";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_PAIR = 5;
export const PAIR_BACKOFF_BASE_S = 60;
export const MAX_FAILURES_PER_IP = 20;
export const ACCOUNT_SOFT_LIMIT = 50;
export const ACCOUNT_MAX_DELAY_S = 30;

const normalize = (email: string) => email.trim().toLowerCase();
const pairKey = (email: string, ip: string | null) => `pair:${normalize(email)}|${ip ?? "unknown"}`;
const emailKey = (email: string) => `email:${normalize(email)}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Failures of `key` inside the window (after the key's last success when forgiving), oldest first. */
async function failures(key: string, now: Date, forgiveOnSuccess: boolean): Promise<Date[]> {
  let since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  if (forgiveOnSuccess) {
    const lastSuccess = await db.loginAttempt.findFirst({
      where: { key, success: true, at: { gte: since } },
      orderBy: { at: "desc" },
      select: { at: true },
    });
    if (lastSuccess) since = lastSuccess.at;
  }
  const rows = await db.loginAttempt.findMany({
    where: { key, success: false, at: { gt: since } },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  return rows.map((r) => r.at);
}

const secondsUntil = (at: number, now: Date) => Math.max(0, Math.ceil((at - now.getTime()) / 1000));

/** Rule 1: backoff 60 s, 120 s, 240 s, … (capped at the window) after the pair's last failure. */
export function pairWait(failureTimes: Date[], now: Date): number {
  const excess = failureTimes.length - MAX_FAILURES_PER_PAIR;
  if (excess < 0) return 0;
  const backoffS = Math.min(THROTTLE_WINDOW_MS / 1000, PAIR_BACKOFF_BASE_S * 2 ** excess);
  return secondsUntil(failureTimes[failureTimes.length - 1].getTime() + backoffS * 1000, now);
}

/** Rule 2: the source may try again when its oldest counted failure leaves the window. */
export function ipWait(failureTimes: Date[], now: Date): number {
  if (failureTimes.length < MAX_FAILURES_PER_IP) return 0;
  const unlock = failureTimes[failureTimes.length - MAX_FAILURES_PER_IP].getTime() + THROTTLE_WINDOW_MS;
  return secondsUntil(unlock, now);
}

/** Rule 3: 1 s, 2 s, 4 s … (capped) after the account's last failure, once above the soft limit. */
export function accountWait(failureTimes: Date[], now: Date): number {
  const excess = failureTimes.length - ACCOUNT_SOFT_LIMIT;
  if (excess < 0) return 0;
  const delayS = Math.min(ACCOUNT_MAX_DELAY_S, 2 ** excess);
  return secondsUntil(failureTimes[failureTimes.length - 1].getTime() + delayS * 1000, now);
}

/** Seconds until another attempt is allowed, or 0 when the attempt may go ahead. */
export async function signInRetryAfter(email: string, ip: string | null, now = new Date()): Promise<number> {
  const [pair, account, source] = await Promise.all([
    failures(pairKey(email, ip), now, true),
    failures(emailKey(email), now, false),
    ip ? failures(ipKey(ip), now, false) : Promise.resolve([]),
  ]);
  return Math.max(pairWait(pair, now), accountWait(account, now), ipWait(source, now));
}

export async function recordSignInAttempt(email: string, ip: string | null, success: boolean): Promise<void> {
  // A success forgives only its own (account, source) pair; failures count against all three.
  const keys = success
    ? [pairKey(email, ip)]
    : [pairKey(email, ip), emailKey(email), ...(ip ? [ipKey(ip)] : [])];
  await db.loginAttempt.createMany({ data: keys.map((key) => ({ key, success })) });
  // Old attempts carry no information once outside the window; keep the table small.
  if (Math.random() < 0.02) {
    await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(Date.now() - THROTTLE_WINDOW_MS) } } });
  }
}
