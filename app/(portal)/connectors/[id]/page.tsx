import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { ConnectorFields } from "@/lib/connectors/components/connector-fields";
import { findConnector } from "@/lib/connectors/service";
import { PrinterTable } from "@/lib/printers/components/printer-table";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { AccessDenied, Breadcrumbs, Card, EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export const metadata: Metadata = { title: "Connector" };

export default async function ConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("connectors.read", "connectors");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const loaded = await tryLoad(() => findConnector(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  const data = loaded.ok ? loaded.data! : null;

  return (
    <>
      <Breadcrumbs
        items={[{ label: "Connectors", href: "/connectors" }, { label: data?.connector.name ?? "Connector" }]}
      />
      {!data ? (
        <div className="mt-4">
          <Notice tone="error">
            The connector could not be loaded from ezeep. {!loaded.ok ? loaded.error : null}
          </Notice>
        </div>
      ) : (
        <div className="mt-2 space-y-6">
          <PageHeader
            title={data.connector.name}
            description={data.connector.description || `${data.connector.typeLabel} connector.`}
            actions={<StatusBadge status={data.connector.status} />}
          />
          <Card className="p-5">
            <ConnectorFields connector={data.connector} />
          </Card>
          <section aria-labelledby="printers-title" id="printers">
            <div className="mb-2 flex items-baseline justify-between gap-3">
              <h2 id="printers-title" className="text-sm font-semibold text-slate-900">
                Printers behind this connector
              </h2>
              <span className="text-xs text-slate-500">
                {data.printers.length} printer{data.printers.length === 1 ? "" : "s"}
              </span>
            </div>
            {!ctx.can("printers.read") ? <AccessDenied what="printers" /> : null}
            {ctx.can("printers.read") && data.printers.length === 0 ? (
              <EmptyState title="No printers">
                This connector has not registered any printer with ezeep.
              </EmptyState>
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
