// The overview's three group figures (groups, from Azure, memberships), each a link to the groups
// list. Without a summary (ezeep unreachable; the page says so) the row stays empty.
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { GroupSummary } from "@/lib/groups/service";

export function GroupStats({ summary }: { summary: GroupSummary | null }) {
  const t = useTranslations("overview");
  const stats = summary
    ? [
        { label: t("stats.groups"), value: summary.total, href: "/groups" },
        { label: t("stats.azure"), value: summary.azure, href: "/groups?origin=azure" },
        { label: t("stats.memberships"), value: summary.memberships, href: "/groups" },
      ]
    : [];
  return (
    <div className="mb-8 grid grid-cols-3 gap-2 sm:gap-4">
      {stats.map((s) => (
        <Link
          key={s.label}
          href={s.href}
          className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm transition hover:border-brand-500 sm:p-5"
        >
          <p className="text-xs text-slate-600 sm:text-sm">{s.label}</p>
          <p className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{s.value}</p>
        </Link>
      ))}
    </div>
  );
}
