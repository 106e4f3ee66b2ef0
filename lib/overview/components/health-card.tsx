// "Needs attention": each health figure links to the filtered list it counts. Zero reads calm
// (slate), anything else amber; a figure ezeep could not give reads "—".
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { HealthItem } from "@/lib/overview/health";

function tone(count: number | null): string {
  if (count === null || count === 0) return "border-slate-200 text-slate-900";
  return "border-amber-300 bg-amber-50 text-amber-900";
}

export function HealthCard({ items }: { items: HealthItem[] }) {
  const t = useTranslations("overview.health");
  if (items.length === 0) return null;
  const allClear = items.every((i) => i.count === 0);
  return (
    <section aria-labelledby="health-title" className="mb-8" data-testid="health-card">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id="health-title" className="text-sm font-semibold text-slate-900">
          {t("title")}
        </h2>
        <p className="text-xs text-slate-500">{allClear ? t("allClear") : t("selectFigure")}</p>
      </div>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              href={item.href}
              data-testid={`health-${item.key}`}
              className={`block h-full rounded-xl border p-3 shadow-sm transition hover:border-brand-500 ${tone(item.count)}`}
            >
              <p className="text-xs opacity-80">{t(item.key)}</p>
              <p className="mt-1 text-2xl font-semibold tracking-tight">{item.count ?? "—"}</p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
