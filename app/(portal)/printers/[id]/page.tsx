import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { listVendors } from "@/lib/drivers/service";
import {
  PrinterDriverSection,
  PrinterGroupsSection,
} from "@/lib/printers/components/printer-assignment-sections";
import { PrinterCapabilities } from "@/lib/printers/components/printer-capabilities";
import { PrinterOverview } from "@/lib/printers/components/printer-overview";
import { PrinterUsers } from "@/lib/printers/components/printer-users";
import { findPrinter, listGroupChoices, listPrinterUsers } from "@/lib/printers/service";
import { Breadcrumbs, Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("printers");
  return { title: t("detail.title") };
}

export default async function PrinterPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("printers.read", "printers");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("printers");
  const { id } = await params;
  const org = ctx.current;
  const loaded = await tryLoad(() => findPrinter(org, id));
  if (loaded.ok && !loaded.data) notFound();
  const canWrite = ctx.can("printers.write");
  // Absent only when ezeep could not be asked (an unknown id is a 404 above).
  const printer = loaded.ok ? loaded.data : null;
  const [groups, vendors, users, history] = await Promise.all([
    printer && canWrite ? tryLoad(() => listGroupChoices(org)) : null,
    printer && canWrite && ctx.can("drivers.read") ? tryLoad(() => listVendors(org)) : null,
    printer ? tryLoad(() => listPrinterUsers(org, printer.groups)) : null,
    ctx.can("audit.read") ? listAuditEntries(org, { targetType: "printer", targetId: id, limit: 10 }) : null,
  ]);

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("detail.breadcrumb"), href: "/printers" },
          { label: printer?.name ?? t("detail.title") },
        ]}
      />
      {printer && users ? (
        <div className="mt-2 space-y-6">
          <PrinterOverview printer={printer} />
          <div className="grid gap-6 lg:grid-cols-2">
            <PrinterGroupsSection printer={printer} groups={groups} canWrite={canWrite} />
            <PrinterDriverSection printer={printer} vendors={vendors} />
          </div>
          <PrinterCapabilities capabilities={printer.capabilities} />
          <PrinterUsers users={users} groupCount={printer.groups.length} />
        </div>
      ) : (
        <div className="mt-4">
          <Notice tone="error">{t("detail.loadFailed", { error: !loaded.ok ? loaded.error : "" })}</Notice>
        </div>
      )}
      {history ? <RecentChanges entries={history.entries} emptyText={t("detail.noHistory")} /> : null}
    </>
  );
}
