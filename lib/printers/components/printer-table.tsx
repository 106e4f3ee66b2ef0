// A list of printers (server component): name with location/model, connector, groups, driver,
// status. Stacks into cards below the `sm` breakpoint, like the groups list.
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";

import { StatusBadge } from "@/lib/printers/components/status-badge";
import type { PrinterView } from "@/lib/printers/service";
import { Badge } from "@/lib/ui/components";

export function DriverLabel({ driver }: { driver: PrinterView["driver"] }) {
  const t = useTranslations("printers");
  if (!driver) return <span className="text-slate-500">{t("table.noDriver")}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span className="text-slate-700" title={driver.id}>
        {driver.name ?? t("table.driverFallback", { id: driver.id.slice(0, 8) })}
      </span>
      <Badge tone={driver.manual ? "violet" : "slate"}>
        {driver.manual ? t("table.manual") : t("table.automatic")}
      </Badge>
    </span>
  );
}

const MAX_GROUP_BADGES = 3;

interface PrinterTableProps {
  printers: PrinterView[];
  showConnector?: boolean;
  showGroups?: boolean;
  rowAction?: (printer: PrinterView) => ReactNode;
  actionLabel?: string;
}

/** Which optional columns the table shows (connector and groups default to shown). */
interface PrinterColumns {
  showConnector: boolean;
  showGroups: boolean;
  rowAction?: (printer: PrinterView) => ReactNode;
}

export function PrinterTable(props: PrinterTableProps) {
  const columns: PrinterColumns = {
    showConnector: props.showConnector ?? true,
    showGroups: props.showGroups ?? true,
    rowAction: props.rowAction,
  };
  return (
    <table className="w-full text-left text-sm">
      <PrinterTableHead columns={columns} actionLabel={props.actionLabel} />
      <tbody className="divide-y divide-slate-100">
        {props.printers.map((p) => (
          <PrinterTableRow key={p.id} printer={p} columns={columns} />
        ))}
      </tbody>
    </table>
  );
}

function PrinterTableHead({ columns, actionLabel }: { columns: PrinterColumns; actionLabel?: string }) {
  const t = useTranslations("printers");
  return (
    <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
      <tr>
        <th scope="col" className="px-4 py-3">
          {t("table.printer")}
        </th>
        {columns.showConnector ? (
          <th scope="col" className="px-4 py-3">
            {t("table.connector")}
          </th>
        ) : null}
        {columns.showGroups ? (
          <th scope="col" className="px-4 py-3">
            {t("table.groups")}
          </th>
        ) : null}
        <th scope="col" className="px-4 py-3">
          {t("table.driver")}
        </th>
        <th scope="col" className="px-4 py-3">
          {t("table.status")}
        </th>
        {columns.rowAction ? (
          <th scope="col" className="px-4 py-3 text-right">
            <span className="sr-only">{actionLabel ?? t("table.actions")}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

function PrinterTableRow({ printer: p, columns }: { printer: PrinterView; columns: PrinterColumns }) {
  const model = [p.vendor, p.model].filter(Boolean).join(" ");
  return (
    <tr
      className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-3 hover:bg-slate-50 sm:table-row sm:px-0 sm:py-0"
      data-testid="printer-row"
    >
      <td className="w-full min-w-0 sm:w-auto sm:min-w-52 sm:px-4 sm:py-3">
        <Link
          href={`/printers/${p.id}`}
          className="font-medium break-words text-slate-900 hover:text-brand-700 hover:underline"
        >
          {p.name}
        </Link>
        {p.location ? <p className="mt-0.5 text-slate-500">{p.location}</p> : null}
        {model ? <p className="text-xs text-slate-500">{model}</p> : null}
      </td>
      {columns.showConnector ? <ConnectorCell printer={p} /> : null}
      {columns.showGroups ? <GroupsCell groups={p.groups} /> : null}
      <td className="sm:px-4 sm:py-3">
        <DriverLabel driver={p.driver} />
      </td>
      <td className="sm:px-4 sm:py-3">
        <StatusBadge status={p.status} />
      </td>
      {columns.rowAction ? (
        <td className="ml-auto sm:px-4 sm:py-3 sm:text-right">{columns.rowAction(p)}</td>
      ) : null}
    </tr>
  );
}

function ConnectorCell({ printer: p }: { printer: PrinterView }) {
  const t = useTranslations("printers");
  return (
    <td className="text-slate-600 sm:px-4 sm:py-3">
      {p.connectorId ? (
        <Link href={`/connectors/${p.connectorId}`} className="hover:text-brand-700 hover:underline">
          {p.connectorName ?? t("table.unknownConnector")}
        </Link>
      ) : (
        <span className="text-slate-500">{t("table.noConnector")}</span>
      )}
    </td>
  );
}

/** The first few groups as badges; the rest as one "+n" badge naming them in its title. */
function GroupsCell({ groups }: { groups: PrinterView["groups"] }) {
  const t = useTranslations("printers");
  return (
    <td className="w-full sm:w-auto sm:px-4 sm:py-3">
      {groups.length === 0 ? (
        <span className="text-slate-500">{t("table.noGroups")}</span>
      ) : (
        <span className="flex flex-wrap gap-1">
          {groups.slice(0, MAX_GROUP_BADGES).map((g) => (
            <Badge key={g.id} tone="blue">
              {g.name}
            </Badge>
          ))}
          {groups.length > MAX_GROUP_BADGES ? (
            <Badge
              tone="slate"
              title={groups
                .slice(MAX_GROUP_BADGES)
                .map((g) => g.name)
                .join(", ")}
            >
              {t("table.moreGroups", { count: groups.length - MAX_GROUP_BADGES })}
            </Badge>
          ) : null}
        </span>
      )}
    </td>
  );
}
