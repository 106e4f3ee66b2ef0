import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { ConnectorFields } from "@/lib/connectors/components/connector-fields";
import { connectorTypeText } from "@/lib/connectors/components/type-label";
import { findConnector } from "@/lib/connectors/service";
import { PrinterTable } from "@/lib/printers/components/printer-table";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { AccessDenied, Breadcrumbs, Card, EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("connectors");
  return { title: t("detail.title") };
}

export default async function ConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("connectors.read", "connectors");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("connectors");
  const { id } = await params;
  const loaded = await tryLoad(() => findConnector(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  const data = loaded.ok ? loaded.data! : null;

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("detail.breadcrumb"), href: "/connectors" },
          { label: data?.connector.name ?? t("detail.title") },
        ]}
      />
      {!data ? (
        <div className="mt-4">
          <Notice tone="error">{t("detail.loadFailed", { error: !loaded.ok ? loaded.error : "" })}</Notice>
        </div>
      ) : (
        <div className="mt-2 space-y-6">
          <PageHeader
            title={data.connector.name}
            description={
              data.connector.description ||
              t("detail.typeDescription", { type: connectorTypeText(t, data.connector.type) })
            }
            actions={<StatusBadge status={data.connector.status} />}
          />
          <Card className="p-5">
            <ConnectorFields connector={data.connector} />
          </Card>
          <section aria-labelledby="printers-title" id="printers">
            <div className="mb-2 flex items-baseline justify-between gap-3">
              <h2 id="printers-title" className="text-sm font-semibold text-slate-900">
                {t("detail.printersTitle")}
              </h2>
              <span className="text-xs text-slate-500">
                {t("detail.printerCount", { count: data.printers.length })}
              </span>
            </div>
            {!ctx.can("printers.read") ? <AccessDenied what={t("detail.printersNoun")} /> : null}
            {ctx.can("printers.read") && data.printers.length === 0 ? (
              <EmptyState title={t("detail.noPrintersTitle")}>{t("detail.noPrinters")}</EmptyState>
            ) : null}
            {ctx.can("printers.read") && data.printers.length > 0 ? (
              <Card className="overflow-hidden">
                <PrinterTable printers={data.printers} showConnector={false} />
              </Card>
            ) : null}
          </section>
        </div>
      )}
    </>
  );
}
