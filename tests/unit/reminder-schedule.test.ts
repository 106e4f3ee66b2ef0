// Schedule maths of invitation reminders and the human-readable times shown beside them.
import { describe, expect, it } from "vitest";

import { DAY_MS, nextReminderAt, parseReminderDays } from "@/lib/invitations/config";
import { plural, relativeTime } from "@/lib/invitations/format";

const sentAt = new Date("2026-01-01T00:00:00Z");
const at = (days: number) => new Date(sentAt.getTime() + days * DAY_MS);

describe("parseReminderDays", () => {
  it("parses, de-duplicates and sorts, dropping what is not a positive number", () => {
    expect(parseReminderDays("7, 3;3 x -1 0 10")).toEqual([3, 7, 10]);
    expect(parseReminderDays(undefined)).toEqual([3, 7]);
    expect(parseReminderDays("  ")).toEqual([3, 7]);
  });
});

describe("nextReminderAt", () => {
  const settings = { reminderDays: [3, 7], maxReminders: 3 };

  it("plans the reminders on the listed days after the first send", () => {
    expect(nextReminderAt({ sentAt, reminderCount: 0, lastRemindedAt: null }, settings)).toEqual(at(3));
    expect(nextReminderAt({ sentAt, reminderCount: 1, lastRemindedAt: at(3) }, settings)).toEqual(at(7));
  });

  it("repeats the last gap beyond the listed days, and stops at the maximum", () => {
    expect(nextReminderAt({ sentAt, reminderCount: 2, lastRemindedAt: at(7) }, settings)).toEqual(at(11));
    expect(nextReminderAt({ sentAt, reminderCount: 3, lastRemindedAt: at(11) }, settings)).toBeNull();
  });

  it("never sends two mails closer than the planned gap after a late or manual send", () => {
    // The first reminder went out late, on day 6: the second waits the 4-day gap (day 10), not day 7.
    expect(nextReminderAt({ sentAt, reminderCount: 1, lastRemindedAt: at(6) }, settings)).toEqual(at(10));
  });

  it("plans nothing when reminders are off", () => {
    expect(
      nextReminderAt(
        { sentAt, reminderCount: 0, lastRemindedAt: null },
        { reminderDays: [3], maxReminders: 0 },
      ),
    ).toBeNull();
    expect(
      nextReminderAt(
        { sentAt, reminderCount: 0, lastRemindedAt: null },
        { reminderDays: [], maxReminders: 2 },
      ),
    ).toBeNull();
  });
});

describe("relativeTime", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  it("says past and future in the largest fitting unit", () => {
    expect(relativeTime(new Date(now.getTime() - 10_000), now)).toBe("just now");
    expect(relativeTime(new Date(now.getTime() + 10_000), now)).toBe("in under a minute");
    expect(relativeTime(new Date(now.getTime() - 5 * 60_000), now)).toBe("5 minutes ago");
    expect(relativeTime(new Date(now.getTime() + 3_600_000), now)).toBe("in 1 hour");
    expect(relativeTime(new Date(now.getTime() - 3 * DAY_MS), now)).toBe("3 days ago");
    expect(relativeTime(new Date(now.getTime() + 90 * DAY_MS), now)).toBe("in 3 months");
  });
  it("pluralizes", () => {
    expect(plural(1, "row")).toBe("1 row");
    expect(plural(0, "row")).toBe("0 rows");
  });
});
