// Turns the portal's invitation views into the rows the invitations table shows: dates as relative
// texts in the page's language, intended groups by name.
import type { InvitationRow } from "@/lib/invitations/components/invitation-list";
import type { InvitationView } from "@/lib/invitations/service";
import { formatDateTime } from "@/lib/ui/components";

export interface InvitationRowWords {
  now: Date;
  locale: string;
  relativeTime: (date: Date, now: Date) => string;
  /** ezeep's group names, or null when ezeep could not be asked */
  groupNames: Map<string, string> | null;
  /** "due now" (a reminder whose time has passed) */
  due: string;
  /** "deleted group" (an intended group ezeep no longer has) */
  deletedGroup: string;
}

export function toInvitationRow(i: InvitationView, words: InvitationRowWords): InvitationRow {
  const { now, relativeTime } = words;
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    status: i.status,
    origin: i.origin,
    sent: relativeTime(i.sentAt, now),
    sentTitle: formatDateTime(i.sentAt, words.locale),
    invitedBy: i.invitedBy,
    expires: i.expiresAt ? relativeTime(i.expiresAt, now) : null,
    reminders: i.reminderCount,
    lastReminded: i.lastRemindedAt ? relativeTime(i.lastRemindedAt, now) : null,
    nextReminder:
      i.nextReminderAt && i.expiresAt && i.nextReminderAt < i.expiresAt
        ? nextReminderText(i.nextReminderAt, words)
        : null,
    groups: i.intendedGroupIds.map((id) => groupLabel(id, words.groupNames, words.deletedGroup)),
    groupsApplied: !!i.groupsAppliedAt,
    canResend: i.canResend,
    canAdopt: i.canAdopt,
    cooldown: i.resendAvailableAt ? relativeTime(i.resendAvailableAt, now) : null,
  };
}

/** An intended group's name; "deleted group" once ezeep no longer has it. */
function groupLabel(id: string, names: Map<string, string> | null, deleted: string): string {
  if (!names) return id.slice(0, 8);
  return names.get(id) ?? deleted;
}

/** When the next reminder goes out; "due now" once its time has passed. */
function nextReminderText(at: Date, words: InvitationRowWords): string {
  return at <= words.now ? words.due : words.relativeTime(at, words.now);
}
