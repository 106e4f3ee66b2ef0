// The one date format of the portal ("12 Mar 2026, 14:05"), in UTC on the server and in the
// viewer's own time zone in the browser (lib/ui/local-time.tsx).
const OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

export function formatDateTime(date: Date): string {
  return `${new Intl.DateTimeFormat("en-GB", { ...OPTIONS, timeZone: "UTC" }).format(date)} UTC`;
}

/** In the time zone of whoever runs it (the browser), with that zone's short name. */
export function formatLocalDateTime(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { ...OPTIONS, timeZone }).format(date);
  const zone = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName")?.value;
  return zone ? `${parts} ${zone}` : parts;
}
