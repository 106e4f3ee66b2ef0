// Human-readable ages and distances ("3 days ago", "in 5 hours"), computed on the server so
// the page and the browser never disagree about "now". The words come from Intl in the
// admin's language; the two sub-minute phrases from the catalogue (lib/invitations/time-text.ts).

/** The phrases Intl has no wording for; English unless the caller passes the catalogue's. */
export interface SubMinuteWords {
  justNow: string;
  underAMinute: string;
}

const ENGLISH_SUB_MINUTE: SubMinuteWords = { justNow: "just now", underAMinute: "in under a minute" };

export function relativeTime(
  date: Date,
  now: Date,
  locale = "en",
  words: SubMinuteWords = ENGLISH_SUB_MINUTE,
): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  if (abs < minute) return diff <= 0 ? words.justNow : words.underAMinute;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
  const sign = diff < 0 ? -1 : 1;
  if (abs < hour) return format.format(sign * Math.round(abs / minute), "minute");
  if (abs < day) return format.format(sign * Math.round(abs / hour), "hour");
  if (abs < 60 * day) return format.format(sign * Math.round(abs / day), "day");
  return format.format(sign * Math.round(abs / (30 * day)), "month");
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function shortDate(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}
