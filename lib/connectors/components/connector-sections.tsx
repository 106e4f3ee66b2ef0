// The connectors page's two sections: every connector (type links, search, table or why it is
// empty) and the ezeep Hubs with their configuration.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { ConnectorFields } from "@/lib/connectors/components/connector-fields";
import { ConnectorSearchForm, ConnectorTypeNav } from "@/lib/connectors/components/connector-filters";
import { ConnectorTable } from "@/lib/connectors/components/connector-table";
import type { ListConnectorsQuery } from "@/lib/connectors/schemas";
import type { ConnectorOverview, ConnectorView } from "@/lib/connectors/service";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { Card, EmptyState } from "@/lib/ui/components";

function NoConnectors({ filtered }: { filtered: boolean }) {
  const t = useTranslations("connectors");
  if (!filtered) return <EmptyState title={t("list.emptyTitle")}>{t("list.empty")}</EmptyState>;
  return (
    <EmptyState title={t("list.noMatchTitle")}>
      {t("list.noMatch")}{" "}
      <Link className="font-medium text-brand-700 hover:underline" href="/connectors">
        {t("list.showAll")}
      </Link>
    </EmptyState>
  );
}

export function ConnectorsSection({ data, query }: { data: ConnectorOverview; query: ListConnectorsQuery }) {
  const t = useTranslations("connectors");
  const filtered = Boolean(query.type || query.status || query.q);
  return (
    <section aria-labelledby="types-title">
      <h2 id="types-title" className="sr-only">
        {t("list.types")}
      </h2>
      <ConnectorTypeNav types={data.filters.types} query={query} />
      <ConnectorSearchForm statuses={data.filters.statuses} query={query} />
      {data.connectors.length === 0 ? (
        <NoConnectors filtered={filtered} />
      ) : (
        <ConnectorTable connectors={data.connectors} total={data.totalConnectors} />
      )}
    </section>
  );
}

function HubCard({ hub }: { hub: ConnectorView }) {
  return (
    <Card className="p-5">
      <div className="mb-4 flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900">
            <Link href={`/connectors/${hub.id}`} className="hover:text-brand-700 hover:underline">
              {hub.name}
            </Link>
          </h3>
          {hub.description ? <p className="text-sm text-slate-500">{hub.description}</p> : null}
        </div>
        <StatusBadge status={hub.status} />
      </div>
      <ConnectorFields connector={hub} />
    </Card>
  );
}

export function HubSection({ hubs }: { hubs: ConnectorView[] }) {
  const t = useTranslations("connectors");
  return (
    <section aria-labelledby="hub-title">
      <div className="mb-2">
        <h2 id="hub-title" className="text-base font-semibold text-slate-900">
          {t("list.hubTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("list.hubDescription")}</p>
      </div>
      {hubs.length === 0 ? (
        <EmptyState title={t("list.noHubTitle")}>{t("list.noHub")}</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {hubs.map((hub) => (
            <HubCard key={hub.id} hub={hub} />
          ))}
        </div>
      )}
    </section>
  );
}
