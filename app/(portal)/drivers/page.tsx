import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { listDriversSchema } from "@/lib/drivers/schemas";
import { listDrivers } from "@/lib/drivers/service";
import { Card, EmptyState, Notice, PageHeader, Pagination } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drivers");
  return { title: t("page.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function DriversPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("drivers.read", "drivers");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("drivers");
  const params = await searchParams;
  const parsed = listDriversSchema.safeParse({
    vendor: str(params.vendor),
    q: str(params.q),
    page: str(params.page),
  });
  const query = parsed.success ? parsed.data : listDriversSchema.parse({});
  const loaded = await tryLoad(() => listDrivers(ctx.current, query));
  const hrefFor = (page: number) => {
    const next = new URLSearchParams();
    if (query.vendor) next.set("vendor", query.vendor);
    if (query.q) next.set("q", query.q);
    next.set("page", String(page));
    return `/drivers?${next}`;
  };

  return (
    <>
      <PageHeader
        title={t("page.title")}
        description={t.rich("page.description", {
          link: (chunks) => (
            <Link href="/printers" className="font-medium text-brand-700 hover:underline">
              {chunks}
            </Link>
          ),
        })}
      />
      {!loaded.ok ? <Notice tone="error">{t("page.loadFailed", { error: loaded.error })}</Notice> : null}
      {loaded.ok && loaded.data.vendors.length === 0 ? (
        <EmptyState title={t("page.noVendorsTitle")}>{t("page.noVendors")}</EmptyState>
      ) : null}
      {loaded.ok && loaded.data.vendors.length > 0 ? (
        <>
          <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/drivers">
            <label htmlFor="driver-vendor" className="sr-only">
              {t("page.vendor")}
            </label>
            <select
              id="driver-vendor"
              name="vendor"
              defaultValue={loaded.data.vendor}
              className={`${inputClass} sm:w-56`}
            >
              <option value="">{t("page.chooseVendor")}</option>
              {loaded.data.vendors.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
            <label htmlFor="driver-search" className="sr-only">
              {t("page.searchLabel")}
            </label>
            <input
              id="driver-search"
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder={t("page.searchPlaceholder")}
              className={inputClass}
            />
            <button type="submit" className={`${buttonClass.secondary} whitespace-nowrap`}>
              {t("page.show")}
            </button>
          </form>
          {!loaded.data.vendor ? (
            <section aria-labelledby="vendors-title">
              <h2 id="vendors-title" className="mb-2 text-sm font-semibold text-slate-900">
                {t("page.vendorCount", { count: loaded.data.vendors.length })}
              </h2>
              <Card className="p-4">
                <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
                  {loaded.data.vendors.map((v) => (
                    <li key={v}>
                      <Link
                        href={`/drivers?vendor=${encodeURIComponent(v)}`}
                        className="block truncate rounded-lg px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 hover:text-brand-700"
                      >
                        {v}
                      </Link>
                    </li>
                  ))}
                </ul>
              </Card>
            </section>
          ) : null}
          {loaded.data.vendor && loaded.data.total === 0 ? (
            <EmptyState
              title={
                query.q ? t("page.noMatchTitle") : t("page.noDriversFor", { vendor: loaded.data.vendor })
              }
            >
              {query.q ? (
                <>
                  {t("page.noMatch", { vendor: loaded.data.vendor, q: query.q })}{" "}
                  <Link
                    className="font-medium text-brand-700 hover:underline"
                    href={`/drivers?vendor=${encodeURIComponent(loaded.data.vendor)}`}
                  >
                    {t("page.showAllFor", { vendor: loaded.data.vendor })}
                  </Link>
                </>
              ) : (
                t("page.noDriverForVendor")
              )}
            </EmptyState>
          ) : null}
          {loaded.data.vendor && loaded.data.total > 0 ? (
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
                  {loaded.data.items.map((d) => (
                    <tr
                      key={d.id}
                      className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 sm:table-row sm:px-0 sm:py-0"
                      data-testid="driver-row"
                    >
                      <td className="w-full sm:w-auto sm:px-4 sm:py-3">
                        <span className="font-medium text-slate-900">{d.name}</span>
                        <span className="block text-xs text-slate-500">{d.vendor}</span>
                      </td>
                      <td className="text-slate-600 sm:px-4 sm:py-3">
                        {[d.os, d.arch].filter(Boolean).join(" · ") || "—"}
                      </td>
                      <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
                        <span className="sm:hidden">{t("page.usedBy", { count: d.printersUsing })}</span>
                        <span className="hidden sm:inline">{d.printersUsing}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pagination
                page={loaded.data.page}
                pageCount={loaded.data.pageCount}
                total={loaded.data.total}
                noun={t("page.pagination")}
                hrefFor={hrefFor}
              />
            </Card>
          ) : null}
        </>
      ) : null}
    </>
  );
}
