import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { activityChart } from "@/lib/audit/activity-chart";
import { ActivityCard } from "@/lib/audit/components/activity-card";
import { AuditFilters } from "@/lib/audit/components/audit-filters";
import { AuditListHeader } from "@/lib/audit/components/audit-list-header";
import { AuditResults } from "@/lib/audit/components/audit-results";
import {
  filterSearchParams,
  hasFilters,
  listAuditEntriesIn,
  parseAuditQuery,
  recentFilterValues,
} from "@/lib/audit/queries";
import { auditScopeOptions, auditViewerOf, resolveAuditScope } from "@/lib/audit/scope";
import { boundedQuery } from "@/lib/audit/view-range";
import { AccessDenied } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit.list");
  return { title: t("title") };
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
  const isCurrentOrg = scope.organizationId === ctx.current.organization.id;
  const scopes = auditScopeOptions(auditViewerOf(ctx)).map((option) =>
    option.organizationId ? option : { ...option, label: t("portalScope") },
  );

  return (
    <>
      <AuditListHeader
        scope={scope}
        query={query}
        isCurrentOrg={isCurrentOrg}
        canRunDrift={ctx.can("audit.drift_run")}
      />
      <AuditFilters
        query={query}
        split={split}
        scopeValue={scope.value === ctx.current.organization.id ? "" : scope.value}
        filtered={filtered}
        choices={{ ...values, scopes }}
      />
      <ActivityCard chart={chart} asked={asked} split={split} />
      <AuditResults page={page} asked={asked} split={split} before={query.before} filtered={filtered} />
      {filterSearchParams(asked).size > 0 ? (
        <p className="mt-3 text-xs text-slate-500">{t("shareHint")}</p>
      ) : null}
    </>
  );
}
