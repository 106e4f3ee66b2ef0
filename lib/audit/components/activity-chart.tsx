// Changes per day as stacked bars (inline SVG, no chart library), split by outcome or action.
import { useTranslations } from "next-intl";

import type { ActivityChart as Chart } from "@/lib/audit/activity-chart";
import { isOutcome } from "@/lib/audit/components/badges";
import { localActionLabel } from "@/lib/audit/i18n";

const OUTCOME_COLORS: Record<string, string> = {
  success: "#10b981",
  failure: "#ef4444",
  unknown: "#7c3aed",
  pending: "#f59e0b",
};
const PALETTE = ["#2563eb", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#94a3b8"];

/** A series' name: an outcome's label, an action's label, or "other" as recorded. */
function useSeriesLabel(chart: Chart) {
  const t = useTranslations("audit");
  return (key: string) => {
    if (chart.split === "outcome") return isOutcome(key) ? t(`outcome.${key}.label`) : key;
    return key === "other" ? t("chart.other") : localActionLabel(t, key);
  };
}

export function seriesColor(chart: Chart, key: string, i: number): string {
  if (chart.split === "outcome") return OUTCOME_COLORS[key] ?? PALETTE[i % PALETTE.length];
  return key === "other" ? "#94a3b8" : PALETTE[i % PALETTE.length];
}

function niceMax(n: number): number {
  if (n <= 4) return 4;
  const pow = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= n) return m * pow;
  return 10 * pow;
}

/** Sizes and scales of one chart width (compact = phones). */
function chartLayout(chart: Chart, compact: boolean) {
  const W = compact ? 340 : 720;
  const H = compact ? 150 : 180;
  const padL = compact ? 30 : 36;
  const padB = 22;
  const padT = 8;
  const n = chart.days.length;
  const totals = chart.days.map((_, i) => chart.series.reduce((s, x) => s + x.counts[i], 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = W - padL - 4;
  const plotH = H - padB - padT;
  const slot = plotW / Math.max(1, n);
  const barW = Math.max(2, slot * 0.72);
  const y = (v: number) => padT + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(n / (compact ? 4 : 8));
  return { W, H, padL, padT, totals, max, plotH, slot, barW, y, labelEvery };
}

type Layout = ReturnType<typeof chartLayout>;

/** Horizontal guide lines at 0, half and the top of the scale, with their values. */
function GridLines({ layout }: { layout: Layout }) {
  const { padL, W, y, max } = layout;
  return (
    <>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line
            x1={padL}
            x2={W - 4}
            y1={y(max * f)}
            y2={y(max * f)}
            className="stroke-slate-200"
            strokeWidth={1}
          />
          <text x={padL - 6} y={y(max * f) + 4} textAnchor="end" fontSize={11} className="fill-slate-500">
            {Math.round(max * f)}
          </text>
        </g>
      ))}
    </>
  );
}

/** One day's non-empty series, bottom to top: where each segment starts and how tall it is. */
function stackedSegments(chart: Chart, layout: Layout, day: number) {
  const segments: { key: string; top: number; height: number; color: string }[] = [];
  let below = 0;
  chart.series.forEach((s, si) => {
    const v = s.counts[day];
    if (!v) return;
    const top = layout.y(below + v);
    segments.push({ key: s.key, top, height: layout.y(below) - top, color: seriesColor(chart, s.key, si) });
    below += v;
  });
  return segments;
}

/** One day's stacked bar, its tooltip (`title`) and, every few days, its date below. */
function DayBar(props: { chart: Chart; layout: Layout; day: string; index: number; title: string }) {
  const { chart, layout, day, index: i } = props;
  const { padL, padT, slot, barW, plotH, H, labelEvery } = layout;
  const x = padL + i * slot + (slot - barW) / 2;
  return (
    <g>
      <title>{props.title}</title>
      <rect x={padL + i * slot} y={padT} width={slot} height={plotH} fill="transparent" />
      {stackedSegments(chart, layout, i).map((segment) => (
        <rect
          key={segment.key}
          x={x}
          y={segment.top}
          width={barW}
          height={Math.max(segment.height, 1)}
          rx={1}
          fill={segment.color}
        />
      ))}
      {i % labelEvery === 0 ? (
        <text x={x + barW / 2} y={H - 6} textAnchor="middle" fontSize={11} className="fill-slate-500">
          {day.slice(5)}
        </text>
      ) : null}
    </g>
  );
}

function Bars({ chart, compact }: { chart: Chart; compact: boolean }) {
  const t = useTranslations("audit.chart");
  const label = useSeriesLabel(chart);
  const layout = chartLayout(chart, compact);
  /** The tooltip of one day's bar: its total, then each series' count on its own line. */
  const dayTitle = (day: string, total: number, i: number) =>
    [
      t("dayTotal", { day, count: total }),
      ...chart.series.filter((s) => s.counts[i] > 0).map((s) => `${label(s.key)}: ${s.counts[i]}`),
    ].join("\n");
  return (
    <svg
      viewBox={`0 0 ${layout.W} ${layout.H}`}
      className={`h-auto w-full ${compact ? "sm:hidden" : "hidden sm:block"}`}
      role="img"
      aria-label={t("aria", { from: chart.from, to: chart.to, total: chart.total })}
    >
      <GridLines layout={layout} />
      {chart.days.map((day, i) => (
        <DayBar
          key={day}
          chart={chart}
          layout={layout}
          day={day}
          index={i}
          title={dayTitle(day, layout.totals[i], i)}
        />
      ))}
    </svg>
  );
}

export function ActivityChart({ chart }: { chart: Chart }) {
  const t = useTranslations("audit.chart");
  const label = useSeriesLabel(chart);
  return (
    <figure data-testid="activity-chart">
      <Bars chart={chart} compact={false} />
      <Bars chart={chart} compact />
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {chart.series.length === 0 ? <span>{t("noEntries")}</span> : null}
        {chart.series.map((s, si) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <span
              className="inline-block h-2.5 w-2.5 rounded-sm"
              style={{ background: seriesColor(chart, s.key, si) }}
            />
            {label(s.key)} <span className="text-slate-500">{s.counts.reduce((a, b) => a + b, 0)}</span>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
