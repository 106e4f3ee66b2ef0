// The one date format of the portal, in the reader's language: "12 Mar 2026, 14:05" in English,
// "12.03.2026, 14:05" in German. UTC on the server, the viewer's own time zone in the browser
// (lib/ui/local-time.tsx).
const OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** The Intl locale for a portal language: British English keeps day-month order and a 24 h clock. */
function intlLocale(locale: string): string {
  return locale === "de" ? "de-DE" : "en-GB";
}

export function formatDateTime(date: Date, locale = "en"): string {
  return `${new Intl.DateTimeFormat(intlLocale(locale), { ...OPTIONS, timeZone: "UTC" }).format(date)} UTC`;
}

/** In the time zone of whoever runs it (the browser), with that zone's short name. */
export function formatLocalDateTime(date: Date, timeZone?: string, locale = "en"): string {
  const parts = new Intl.DateTimeFormat(intlLocale(locale), { ...OPTIONS, timeZone }).format(date);
  const zone = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, timeZoneName: "short" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName")?.value;
  return zone ? `${parts} ${zone}` : parts;
}
