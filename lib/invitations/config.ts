// Settings of invitations and their follow-up, read from the environment at each use (so a
// restart is the only thing needed to change them, and tests can set them per case).
//
//   INVITATION_DEFAULT_EXPIRY_DAYS     validity of a new invitation, and the expiry assumed when
//                                      ezeep reports none (default 14)
//   INVITATION_RESEND_COOLDOWN_MINUTES minimum time between two sends of one invitation (default 60)
//   INVITATION_SYNC_INTERVAL_MS        how often the follow-up job runs (default 300000 = 5 min)
//   INVITATION_REMINDER_DAYS           days after sending at which reminders go out (default "3,7")
//   INVITATION_MAX_REMINDERS           most automatic reminders per invitation (default 2)
// (types, defaults and limits: lib/env.ts)
import { env } from "@/lib/env";

export const DAY_MS = 86_400_000;

export interface InvitationSettings {
  defaultExpiryDays: number;
  resendCooldownMs: number;
  syncIntervalMs: number;
  reminderDays: number[];
  maxReminders: number;
}

export function parseReminderDays(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === "") return [3, 7];
  const days = raw
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number)
    .filter((d) => Number.isFinite(d) && d > 0);
  return [...new Set(days)].sort((a, b) => a - b);
}

export function invitationSettings(): InvitationSettings {
  const vars = env();
  return {
    defaultExpiryDays: vars.INVITATION_DEFAULT_EXPIRY_DAYS,
    resendCooldownMs: vars.INVITATION_RESEND_COOLDOWN_MINUTES * 60_000,
    syncIntervalMs: vars.INVITATION_SYNC_INTERVAL_MS,
    reminderDays: vars.INVITATION_REMINDER_DAYS,
    maxReminders: vars.INVITATION_MAX_REMINDERS,
  };
}

/**
 * When automatic reminder number `sent + 1` is due, or null when no more are planned.
 * Reminder k goes out `reminderDays[k]` days after the first send, and never sooner after the
 * previous send (manual or automatic) than the gap between the two planned days, so a late
 * import or a manual resend does not cause two mails in a row.
 */
export function nextReminderAt(
  inv: { sentAt: Date; reminderCount: number; lastRemindedAt: Date | null },
  settings: Pick<InvitationSettings, "reminderDays" | "maxReminders">,
): Date | null {
  const k = inv.reminderCount;
  const days = settings.reminderDays;
  if (k >= settings.maxReminders || days.length === 0) return null;
  // Beyond the listed days, repeat the last gap (or the single day).
  const lastGap = days.length > 1 ? days[days.length - 1] - days[days.length - 2] : days[0];
  const dayOf = (i: number) =>
    i < days.length ? days[i] : days[days.length - 1] + (i - days.length + 1) * lastGap;
  const planned = inv.sentAt.getTime() + dayOf(k) * DAY_MS;
  const gap = (k === 0 ? dayOf(0) : dayOf(k) - dayOf(k - 1)) * DAY_MS;
  const afterPrevious = inv.lastRemindedAt ? inv.lastRemindedAt.getTime() + gap : 0;
  return new Date(Math.max(planned, afterPrevious));
}
