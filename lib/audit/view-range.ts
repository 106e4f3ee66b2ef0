// The audit page's list, chart and export cover the same days: the dates asked for, or the
// chart's default window (the last 30 days) when none are given, at most CHART_MAX_DAYS. With
// one set of bounds, the chart's total is exactly the number of entries the list pages through.
import { chartRange } from "@/lib/audit/activity-chart";
import type { AuditQuery } from "@/lib/audit/queries";

export function boundedQuery<Q extends Pick<AuditQuery, "from" | "to">>(query: Q, today = new Date()): Q {
  const range = chartRange(query, today);
  return { ...query, from: range.from, to: range.to };
}
