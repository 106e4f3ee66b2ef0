// relativeTime in the language of this request, for the invitations pages and the overview card.
import "server-only";

import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/server";
import { relativeTime } from "@/lib/invitations/format";

export async function relativeTimeText(): Promise<(date: Date, now: Date) => string> {
  const [locale, t] = await Promise.all([requestLocale(), translator("invitations")]);
  const words = { justNow: t("time.justNow"), underAMinute: t("time.underAMinute") };
  return (date, now) => relativeTime(date, now, locale, words);
}
