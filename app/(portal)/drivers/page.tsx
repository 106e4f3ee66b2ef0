import type { Metadata } from "next";
import Link from "next/link";

import { listDriversSchema } from "@/lib/drivers/schemas";
import { listDrivers } from "@/lib/drivers/service";
import { Card, EmptyState, Notice, PageHeader, Pagination } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Drivers" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function DriversPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("drivers.read", "drivers");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
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
        title="Drivers"
        description={
          <>
            ezeep&apos;s driver catalogue by vendor. To give a printer a driver, open the printer from{" "}
            <Link href="/printers" className="font-medium text-brand-700 hover:underline">
              Printers
            </Link>
            .
          </>
        }
      />
      {!loaded.ok ? (
        <Notice tone="error">Drivers could not be loaded from ezeep. {loaded.error}</Notice>
      ) : null}
      {loaded.ok && loaded.data.vendors.length === 0 ? (
        <EmptyState title="No driver vendors">ezeep lists no driver vendors at the moment.</EmptyState>
      ) : null}
      {loaded.ok && loaded.data.vendors.length > 0 ? (
        <>
          <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/drivers">
            <label htmlFor="driver-vendor" className="sr-only">
              Vendor
            </label>
            <select
              id="driver-vendor"
              name="vendor"
              defaultValue={loaded.data.vendor}
              className={`${inputClass} sm:w-56`}
            >
              <option value="">Choose a vendor…</option>
              {loaded.data.vendors.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
            <label htmlFor="driver-search" className="sr-only">
              Search drivers
            </label>
            <input
              id="driver-search"
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder="Search driver names"
              className={inputClass}
            />
            <button type="submit" className={`${buttonClass.secondary} whitespace-nowrap`}>
              Show drivers
            </button>
          </form>
          {!loaded.data.vendor ? (
            <section aria-labelledby="vendors-title">
              <h2 id="vendors-title" className="mb-2 text-sm font-semibold text-slate-900">
                {loaded.data.vendors.length} vendors
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
            <EmptyState title={query.q ? "No drivers match" : `No drivers for ${loaded.data.vendor}`}>
              {query.q ? (
                <>
                  No {loaded.data.vendor} driver matches “{query.q}”.{" "}
                  <Link
                    className="font-medium text-brand-700 hover:underline"
                    href={`/drivers?vendor=${encodeURIComponent(loaded.data.vendor)}`}
                  >
                    Show all {loaded.data.vendor} drivers
                  </Link>
                </>
              ) : (
                "ezeep lists no driver for this vendor."
              )}
            </EmptyState>
          ) : null}
          {loaded.data.vendor && loaded.data.total > 0 ? (
            <Card className="overflow-hidden">
              <table className="w-full text-left text-sm">
                <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
                  <tr>
                    <th scope="col" className="px-4 py-3">
                      Driver
                    </th>
                    <th scope="col" className="px-4 py-3">
                      Platform
                    </th>
                    <th scope="col" className="px-4 py-3 text-right">
                      Printers using it
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
                        <span className="sm:hidden">Used by </span>
                        {d.printersUsing}
                        <span className="sm:hidden"> printer{d.printersUsing === 1 ? "" : "s"}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pagination
                page={loaded.data.page}
                pageCount={loaded.data.pageCount}
                total={loaded.data.total}
                noun="drivers"
                hrefFor={hrefFor}
              />
            </Card>
          ) : null}
        </>
      ) : null}
    </>
  );
}
