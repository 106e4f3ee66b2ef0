// The audit entry page's breadcrumbs and header: the change in words, when, for which
// organization (or portal-wide), who acted when not an admin, and the outcome badge.
import { useTranslations } from "next-intl";

import { outcomeBadge } from "@/lib/audit/components/audit-table";
import { ActorBadge } from "@/lib/audit/components/badges";
import { localActionLabel } from "@/lib/audit/i18n";
import type { AuditEntryView } from "@/lib/audit/queries";
import { Breadcrumbs, PageHeader } from "@/lib/ui/components";
import { LocalTime } from "@/lib/ui/local-time";

/** `organizationName` is null for a portal-wide entry. */
export function EntryHeader({
  entry,
  organizationName,
}: {
  entry: AuditEntryView;
  organizationName: string | null;
}) {
  const t = useTranslations("audit");
  const label = localActionLabel(t, entry.action);
  return (
    <>
      <Breadcrumbs
        items={[{ label: t("list.title"), href: "/audit" }, { label: t("entry.entryN", { id: entry.id }) }]}
      />
      <div className="mt-2">
        <PageHeader
          title={`${label}${entry.targetLabel ? ` · ${entry.targetLabel}` : ""}`}
          description={
            <>
              {t("entry.entryN", { id: entry.id })} · <LocalTime iso={entry.at.toISOString()} />
              {` · ${organizationName === null ? t("entry.portalWide") : organizationName}`}
            </>
          }
          actions={
            <div className="flex items-center gap-2">
              {entry.actorType !== "admin" ? <ActorBadge type={entry.actorType} /> : null}
              {outcomeBadge(entry.outcome, entry.settledBy)}
            </div>
          }
        />
      </div>
    </>
  );
}
