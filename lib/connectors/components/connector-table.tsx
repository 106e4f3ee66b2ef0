// The connectors page's table: name (with location/description), type, status and the number of
// printers on each connector (a link to them), with "n of m shown" below.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { connectorTypeText } from "@/lib/connectors/components/type-label";
import type { ConnectorView } from "@/lib/connectors/service";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { Badge, Card } from "@/lib/ui/components";

function ConnectorRow({ connector: c }: { connector: ConnectorView }) {
  const t = useTranslations("connectors");
  return (
    <tr
      className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-3 hover:bg-slate-50 sm:table-row sm:px-0 sm:py-0"
      data-testid="connector-row"
    >
      <td className="w-full min-w-0 sm:w-auto sm:px-4 sm:py-3">
        <Link
          href={`/connectors/${c.id}`}
          className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          {c.name}
        </Link>
        {c.location || c.description ? (
          <p className="mt-0.5 line-clamp-1 text-slate-500">
            {[c.location, c.description].filter(Boolean).join(" · ")}
          </p>
        ) : null}
      </td>
      <td className="sm:px-4 sm:py-3">
        <Badge tone={c.type === "TPHub" ? "violet" : "slate"}>{connectorTypeText(t, c.type)}</Badge>
      </td>
      <td className="sm:px-4 sm:py-3">
        <StatusBadge status={c.status} />
      </td>
      <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
        <Link href={`/connectors/${c.id}#printers`} className="hover:text-brand-700 hover:underline">
          {t("list.printerCount", { count: c.printers })}
        </Link>
      </td>
    </tr>
  );
}

/** `total`: connectors of every type, before the filters. */
export function ConnectorTable({ connectors, total }: { connectors: ConnectorView[]; total: number }) {
  const t = useTranslations("connectors");
  return (
    <Card className="overflow-hidden">
      <table className="w-full text-left text-sm">
        <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
          <tr>
            <th scope="col" className="px-4 py-3">
              {t("list.colConnector")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("list.colType")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("list.colStatus")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              {t("list.colPrinters")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {connectors.map((c) => (
            <ConnectorRow key={c.id} connector={c} />
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
        {t("list.shown", { shown: connectors.length, total })}
      </p>
    </Card>
  );
}
