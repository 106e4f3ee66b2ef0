"use client";

// A time as the viewer reads it: the server renders UTC (works without JavaScript and in
// exports), the browser then shows its own time zone; hovering shows UTC.
import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";

import { formatDateTime, formatLocalDateTime } from "@/lib/ui/date-format";

const noSubscription = () => () => {};

export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  // false while rendering on the server and hydrating, true afterwards in the browser.
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const locale = useLocale();
  const date = new Date(iso);
  const utc = formatDateTime(date, locale);
  return (
    <time dateTime={iso} title={utc} className={className} data-testid="local-time">
      {inBrowser ? formatLocalDateTime(date, undefined, locale) : utc}
    </time>
  );
}
