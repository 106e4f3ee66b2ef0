// The drivers of one vendor: a page of the table (driver, platform, printers using it) with
// pagination, or why there are none (no drivers, or none matching the search).
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { ListDriversQuery } from "@/lib/drivers/schemas";
import type { DriverPage, DriverView } from "@/lib/drivers/service";
import { Card, EmptyState, Pagination } from "@/lib/ui/components";

function NoDrivers({ vendor, q }: { vendor: string; q: string }) {
  const t = useTranslations("drivers");
  if (!q)
    return <EmptyState title={t("page.noDriversFor", { vendor })}>{t("page.noDriverForVendor")}</EmptyState>;
  return (
    <EmptyState title={t("page.noMatchTitle")}>
      {t("page.noMatch", { vendor, q })}{" "}
      <Link
        className="font-medium text-brand-700 hover:underline"
        href={`/drivers?vendor=${encodeURIComponent(vendor)}`}
      >
        {t("page.showAllFor", { vendor })}
      </Link>
    </EmptyState>
  );
}

function DriverRow({ driver: d }: { driver: DriverView }) {
  const t = useTranslations("drivers");
  return (
    <tr
      className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 sm:table-row sm:px-0 sm:py-0"
      data-testid="driver-row"
    >
      <td className="w-full sm:w-auto sm:px-4 sm:py-3">
        <span className="font-medium text-slate-900">{d.name}</span>
        <span className="block text-xs text-slate-500">{d.vendor}</span>
      </td>
      <td className="text-slate-600 sm:px-4 sm:py-3">{[d.os, d.arch].filter(Boolean).join(" · ") || "—"}</td>
      <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
        <span className="sm:hidden">{t("page.usedBy", { count: d.printersUsing })}</span>
        <span className="hidden sm:inline">{d.printersUsing}</span>
      </td>
    </tr>
  );
}

/** `data` has a vendor chosen; `query` is what the URL asked for (pagination keeps it). */
export function DriverTable({ data, query }: { data: DriverPage; query: ListDriversQuery }) {
  const t = useTranslations("drivers");
  if (data.total === 0) return <NoDrivers vendor={data.vendor} q={query.q} />;
  const hrefFor = (page: number) => {
    const next = new URLSearchParams();
    if (query.vendor) next.set("vendor", query.vendor);
    if (query.q) next.set("q", query.q);
    next.set("page", String(page));
    return `/drivers?${next}`;
  };
  return (
    <Card className="overflow-hidden">
      <table className="w-full text-left text-sm">
        <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
          <tr>
            <th scope="col" className="px-4 py-3">
              {t("page.colDriver")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("page.colPlatform")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              {t("page.colPrinters")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.items.map((d) => (
            <DriverRow key={d.id} driver={d} />
          ))}
        </tbody>
      </table>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        total={data.total}
        noun={t("page.pagination")}
        hrefFor={hrefFor}
      />
    </Card>
  );
}
