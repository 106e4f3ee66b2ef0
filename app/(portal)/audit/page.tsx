import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const guard = await requirePageContext("audit.read", "the audit log");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const asked = parseAuditQuery(params);
  // List, chart and export share one date range (lib/audit/view-range.ts).
  const query = boundedQuery(asked);
  const split = params.split === "action" ? "action" : "outcome";
  const scope = resolveAuditScope(auditViewerOf(ctx), ctx.current.organization.id, query.org);
  if (!scope) return <AccessDenied what="this audit log" />;
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

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          scope.organizationId
            ? `Every change in ${scope.label} — through the portal, failed attempts, and changes made outside it. Entries cannot be edited or deleted.`
            : "Portal-wide events: sign-ins and admin management. Entries cannot be edited or deleted."
        }
        actions={
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
            <div className="flex gap-2">
              <a
                href={exportHref("csv")}
                className={`${buttonClass.secondary} flex-1 whitespace-nowrap`}
                download
              >
                Export CSV
              </a>
              <a
                href={exportHref("json")}
                className={`${buttonClass.secondary} flex-1 whitespace-nowrap`}
                download
              >
                Export JSON
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
        choices={{ ...values, scopes: auditScopeOptions(auditViewerOf(ctx)) }}
      />
      <Card className="mb-4 p-4">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-900">
            Activity{" "}
            <span className="font-normal text-slate-500">
              · {chart.from} to {chart.to} · {chart.total.toLocaleString("en")} entries
            </span>
          </h2>
          <div
            className="inline-flex rounded-lg border border-slate-200 p-0.5 text-xs"
            role="group"
            aria-label="Split the chart by"
          >
            {(["outcome", "action"] as const).map((s) => (
              <Link
                key={s}
                href={`/audit?${filterSearchParams(asked, { split: s === "outcome" ? null : s })}`}
                aria-current={split === s ? "true" : undefined}
                className={`rounded-md px-2.5 py-1 font-medium ${split === s ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
              >
                By {s}
              </Link>
            ))}
          </div>
        </div>
        <ActivityChart chart={chart} />
      </Card>
      {page.entries.length === 0 && !page.searchedDownTo ? (
        <EmptyState title={filtered ? "No entries match" : "Nothing recorded yet"}>
          {filtered
            ? "Try other filters or a wider date range."
            : "Changes made through the portal will appear here."}
        </EmptyState>
      ) : (
        <Card>
          {page.entries.length ? (
            <AuditTable entries={page.entries} />
          ) : (
            <p className="px-4 py-6 text-sm text-slate-600">No matches in this part of the log yet.</p>
          )}
          <nav
            aria-label="Pagination"
            className="flex flex-col gap-2 border-t border-slate-200 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between"
          >
            <p className="text-slate-600">
              {page.searchedDownTo
                ? `Searched back to entry ${page.searchedDownTo.toLocaleString("en")}; older entries are not searched yet.`
                : `${page.entries.length} entries${query.before ? ` before entry ${query.before}` : ", newest first"}`}
            </p>
            <div className="flex gap-2">
              {query.before ? (
                <Link href={href({ before: null })} className={buttonClass.secondary}>
                  Newest
                </Link>
              ) : null}
              {page.nextBefore ? (
                <Link href={href({ before: page.nextBefore })} className={buttonClass.secondary} rel="next">
                  {page.searchedDownTo ? "Search older entries" : "Older entries"}
                </Link>
              ) : null}
            </div>
          </nav>
        </Card>
      )}
      {shared.size > 0 ? (
        <p className="mt-3 text-xs text-slate-500">
          The address of this page keeps these filters: copy it to share this view.
        </p>
      ) : null}
    </>
  );
}
