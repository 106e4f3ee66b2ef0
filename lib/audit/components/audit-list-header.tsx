// The audit page's header: which chain it shows, the export links (same filters and range as
// the list) and, for the current organization, the drift check and chain verification.
import { useTranslations } from "next-intl";

import { DriftRunButton } from "@/lib/audit/components/drift-run-button";
import { VerifyButton } from "@/lib/audit/components/verify-button";
import { filterSearchParams, type AuditQuery } from "@/lib/audit/queries";
import { PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export interface AuditListHeaderProps {
  scope: { organizationId: string | null; label: string; value: string };
  /** the bounded query the list shows; the export covers the same */
  query: AuditQuery;
  isCurrentOrg: boolean;
  canRunDrift: boolean;
}

function ExportLinks({ query, scopeValue }: { query: AuditQuery; scopeValue: string }) {
  const t = useTranslations("audit.list");
  const exportHref = (format: string) =>
    `/api/audit/export?${filterSearchParams({ ...query, org: scopeValue }, { format })}`;
  return (
    <div className="flex gap-2">
      <a href={exportHref("csv")} className={`${buttonClass.secondary} flex-1 whitespace-nowrap`} download>
        {t("exportCsv")}
      </a>
      <a href={exportHref("json")} className={`${buttonClass.secondary} flex-1 whitespace-nowrap`} download>
        {t("exportJson")}
      </a>
    </div>
  );
}

export function AuditListHeader({ scope, query, isCurrentOrg, canRunDrift }: AuditListHeaderProps) {
  const t = useTranslations("audit.list");
  return (
    <PageHeader
      title={t("title")}
      description={scope.organizationId ? t("descriptionOrg", { org: scope.label }) : t("descriptionPortal")}
      actions={
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <ExportLinks query={query} scopeValue={scope.value} />
          {isCurrentOrg && canRunDrift ? <DriftRunButton /> : null}
          {isCurrentOrg ? <VerifyButton /> : null}
        </div>
      }
    />
  );
}
