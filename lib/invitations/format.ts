// Human-readable ages and distances ("3 days ago", "in 5 hours"), computed on the server so
// the page and the browser never disagree about "now".
export function relativeTime(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  let text: string;
  if (abs < minute) return diff <= 0 ? "just now" : "in under a minute";
  if (abs < hour) text = plural(Math.round(abs / minute), "minute");
  else if (abs < day) text = plural(Math.round(abs / hour), "hour");
  else if (abs < 60 * day) text = plural(Math.round(abs / day), "day");
  else text = plural(Math.round(abs / (30 * day)), "month");
  return diff < 0 ? `${text} ago` : `in ${text}`;
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
