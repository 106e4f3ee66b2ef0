import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { activityChart } from "@/lib/audit/activity-chart";
import { ActivityChart } from "@/lib/audit/components/activity-chart";
import { AuditFilters } from "@/lib/audit/components/audit-filters";
import { AuditTable } from "@/lib/audit/components/audit-table";
import { DriftRunButton } from "@/lib/audit/components/drift-run-button";
import { VerifyButton } from "@/lib/audit/components/verify-button";
import {
  filterSearchParams,
  hasFilters,
  listAuditEntriesIn,
  parseAuditQuery,
  recentFilterValues,
} from "@/lib/audit/queries";
import { auditScopeOptions, auditViewerOf, resolveAuditScope } from "@/lib/audit/scope";
import { boundedQuery } from "@/lib/audit/view-range";
import { AccessDenied, Card, EmptyState, PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit.list");
  return { title: t("title") };
}

type ListT = Awaited<ReturnType<typeof getTranslations<"audit.list">>>;

/** "25 entries, newest first", "25 entries before entry 300" or how far a search reached. */
function pageSummary(
  t: ListT,
  page: { entries: unknown[]; searchedDownTo?: number | null },
  before: number | undefined,
): string {
  if (page.searchedDownTo) return t("searchedBackTo", { seq: page.searchedDownTo });
  const count = page.entries.length;
  return before ? t("countBefore", { count, before }) : t("countNewest", { count });
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("audit.list");
  const guard = await requirePageContext("audit.read", t("deniedWhat"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const asked = parseAuditQuery(params);
  // List, chart and export share one date range (lib/audit/view-range.ts).
  const query = boundedQuery(asked);
  const split = params.split === "action" ? "action" : "outcome";
  const scope = resolveAuditScope(auditViewerOf(ctx), ctx.current.organization.id, query.org);
  if (!scope) return <AccessDenied what={t("deniedScope")} />;
  const { before: _before, limit: _limit, ...filters } = query;
  const [page, chart, values] = await Promise.all([
    listAuditEntriesIn(scope, query),
    activityChart(scope, filters, split),
    recentFilterValues(scope),
  ]);
  const filtered = hasFilters(asked);
  const shared = filterSearchParams(asked);
  const href = (extra: Record<string, string | number | null>) =>
    `/audit?${filterSearchParams(asked, { split: split === "outcome" ? null : split, ...extra })}`;
  const exportHref = (format: string) =>
    `/api/audit/export?${filterSearchParams({ ...query, org: scope.value }, { format })}`;
  const isCurrentOrg = scope.organizationId === ctx.current.organization.id;
  const scopes = auditScopeOptions(auditViewerOf(ctx)).map((option) =>
    option.organizationId ? option : { ...option, label: t("portalScope") },
  );

  return (
    <>
      <PageHeader
        title={t("title")}
        description={
          scope.organizationId ? t("descriptionOrg", { org: scope.label }) : t("descriptionPortal")
        }
        actions={
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
            <div className="flex gap-2">
              <a
                href={exportHref("csv")}
                className={`${buttonClass.secondary} flex-1 whitespace-nowrap`}
                download
              >
                {t("exportCsv")}
              </a>
              <a
                href={exportHref("json")}
                className={`${buttonClass.secondary} flex-1 whitespace-nowrap`}
                download
              >
                {t("exportJson")}
              </a>
            </div>
            {isCurrentOrg && ctx.can("audit.drift_run") ? <DriftRunButton /> : null}
            {isCurrentOrg ? <VerifyButton /> : null}
          </div>
        }
      />
      <AuditFilters
        query={query}
        split={split}
        scopeValue={scope.value === ctx.current.organization.id ? "" : scope.value}
        filtered={filtered}
        choices={{ ...values, scopes }}
      />
      <Card className="mb-4 p-4">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-900">
            {t("activity")}{" "}
            <span className="font-normal text-slate-500">
              {t("activityRange", { from: chart.from, to: chart.to, count: chart.total })}
            </span>
          </h2>
          <div
            className="inline-flex rounded-lg border border-slate-200 p-0.5 text-xs"
            role="group"
            aria-label={t("splitBy")}
          >
            {(["outcome", "action"] as const).map((s) => (
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
        </div>
        <ActivityChart chart={chart} />
      </Card>
      {page.entries.length === 0 && !page.searchedDownTo ? (
        <EmptyState title={filtered ? t("emptyFilteredTitle") : t("emptyTitle")}>
          {filtered ? t("emptyFilteredBody") : t("emptyBody")}
        </EmptyState>
      ) : (
        <Card>
          {page.entries.length ? (
            <AuditTable entries={page.entries} />
          ) : (
            <p className="px-4 py-6 text-sm text-slate-600">{t("noMatchesYet")}</p>
          )}
          <nav
            aria-label={t("pagination")}
            className="flex flex-col gap-2 border-t border-slate-200 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between"
          >
            <p className="text-slate-600">{pageSummary(t, page, query.before)}</p>
            <div className="flex gap-2">
              {query.before ? (
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
        </Card>
      )}
      {shared.size > 0 ? <p className="mt-3 text-xs text-slate-500">{t("shareHint")}</p> : null}
    </>
  );
}
