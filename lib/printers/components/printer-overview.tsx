// The head of the printer page: name, location and model, status; then the key facts (connector,
// location, vendor and model, the driver in use).
import { useTranslations } from "next-intl";
import Link from "next/link";

import { connectorTypeText } from "@/lib/connectors/components/type-label";
import { DriverText, Field } from "@/lib/printers/components/printer-detail-layout";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import type { PrinterDetail } from "@/lib/printers/service";
import { Badge, Card, PageHeader } from "@/lib/ui/components";

export function PrinterOverview({ printer }: { printer: PrinterDetail }) {
  const t = useTranslations("printers");
  const vendorModel = [printer.vendor, printer.model].filter(Boolean).join(" ");
  return (
    <>
      <PageHeader
        title={printer.name}
        description={
          [printer.location, vendorModel].filter(Boolean).join(" · ") || t("detail.noLocationOrModel")
        }
        actions={<StatusBadge status={printer.status} />}
      />
      <Card>
        <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-4">
          <Field label={t("detail.connector")}>
            <PrinterConnector printer={printer} />
          </Field>
          <Field label={t("detail.location")}>
            {printer.location || <span className="text-slate-500">{t("detail.notReported")}</span>}
          </Field>
          <Field label={t("detail.vendorModel")}>
            {vendorModel || <span className="text-slate-500">{t("detail.notReported")}</span>}
          </Field>
          <Field label={t("detail.driverInUse")}>
            <DriverText driver={printer.driver} />
            {printer.driver ? (
              <span className="mt-1 block">
                <Badge tone={printer.driver.manual ? "violet" : "slate"}>
                  {printer.driver.manual ? t("detail.manual") : t("detail.automatic")}
                </Badge>
              </span>
            ) : null}
          </Field>
        </dl>
      </Card>
    </>
  );
}

function PrinterConnector({ printer }: { printer: PrinterDetail }) {
  const t = useTranslations("printers");
  const tConnectors = useTranslations("connectors");
  return (
    <>
      {printer.connectorId ? (
        <Link
          href={`/connectors/${printer.connectorId}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {printer.connectorName ?? t("detail.unknownConnector")}
        </Link>
      ) : (
        <span className="text-slate-500">{t("detail.none")}</span>
      )}
      {printer.connectorType ? (
        <span className="block text-xs text-slate-500">
          {connectorTypeText(tConnectors, printer.connectorType)}
        </span>
      ) : null}
    </>
  );
}
