// The audit page's activity card: entries per day over the list's range, split by outcome or
// by action (a link each, so the split is part of the shareable URL).
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { ActivityChart as ActivityChartData, ChartSplit } from "@/lib/audit/activity-chart";
import { ActivityChart } from "@/lib/audit/components/activity-chart";
import { filterSearchParams, type AuditQuery } from "@/lib/audit/queries";
import { Card } from "@/lib/ui/components";

const SPLITS = ["outcome", "action"] as const satisfies readonly ChartSplit[];

function SplitToggle({ asked, split }: { asked: AuditQuery; split: ChartSplit }) {
  const t = useTranslations("audit.list");
  return (
    <div
      className="inline-flex rounded-lg border border-slate-200 p-0.5 text-xs"
      role="group"
      aria-label={t("splitBy")}
    >
      {SPLITS.map((s) => (
        <Link
          key={s}
          href={`/audit?${filterSearchParams(asked, { split: s === "outcome" ? null : s })}`}
          aria-current={split === s ? "true" : undefined}
          className={`rounded-md px-2.5 py-1 font-medium ${split === s ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {s === "outcome" ? t("byOutcome") : t("byAction")}
        </Link>
      ))}
    </div>
  );
}

/** `asked` is the query as the URL gave it (the links keep exactly those filters). */
export function ActivityCard({
  chart,
  asked,
  split,
}: {
  chart: ActivityChartData;
  asked: AuditQuery;
  split: ChartSplit;
}) {
  const t = useTranslations("audit.list");
  return (
    <Card className="mb-4 p-4">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">
          {t("activity")}{" "}
          <span className="font-normal text-slate-500">
            {t("activityRange", { from: chart.from, to: chart.to, count: chart.total })}
          </span>
        </h2>
        <SplitToggle asked={asked} split={split} />
      </div>
      <ActivityChart chart={chart} />
    </Card>
  );
}
