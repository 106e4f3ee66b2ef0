// The audit page's list: the entries (or why there are none) and the keyset pagination below.
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { ChartSplit } from "@/lib/audit/activity-chart";
import { AuditTable } from "@/lib/audit/components/audit-table";
import { filterSearchParams, type AuditPage, type AuditQuery } from "@/lib/audit/queries";
import { Card, EmptyState } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

type ListT = ReturnType<typeof useTranslations<"audit.list">>;

/** "25 entries, newest first", "25 entries before entry 300" or how far a search reached. */
function pageSummary(t: ListT, page: AuditPage, before: number | undefined): string {
  if (page.searchedDownTo) return t("searchedBackTo", { seq: page.searchedDownTo });
  const count = page.entries.length;
  return before ? t("countBefore", { count, before }) : t("countNewest", { count });
}

interface ResultsProps {
  page: AuditPage;
  /** the query as the URL gave it (pagination links keep exactly those filters) */
  asked: AuditQuery;
  split: ChartSplit;
  /** the cursor of the page shown, if it is not the newest */
  before: number | undefined;
}

function AuditPagination({ page, asked, split, before }: ResultsProps) {
  const t = useTranslations("audit.list");
  const href = (extra: Record<string, string | number | null>) =>
    `/audit?${filterSearchParams(asked, { split: split === "outcome" ? null : split, ...extra })}`;
  return (
    <nav
      aria-label={t("pagination")}
      className="flex flex-col gap-2 border-t border-slate-200 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between"
    >
      <p className="text-slate-600">{pageSummary(t, page, before)}</p>
      <div className="flex gap-2">
        {before ? (
          <Link href={href({ before: null })} className={buttonClass.secondary}>
            {t("newest")}
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link href={href({ before: page.nextBefore })} className={buttonClass.secondary} rel="next">
            {page.searchedDownTo ? t("searchOlder") : t("older")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

export function AuditResults(props: ResultsProps & { filtered: boolean }) {
  const t = useTranslations("audit.list");
  const { page, filtered } = props;
  if (page.entries.length === 0 && !page.searchedDownTo)
    return (
      <EmptyState title={filtered ? t("emptyFilteredTitle") : t("emptyTitle")}>
        {filtered ? t("emptyFilteredBody") : t("emptyBody")}
      </EmptyState>
    );
  return (
    <Card>
      {page.entries.length ? (
        <AuditTable entries={page.entries} />
      ) : (
        <p className="px-4 py-6 text-sm text-slate-600">{t("noMatchesYet")}</p>
      )}
      <AuditPagination {...props} />
    </Card>
  );
}
