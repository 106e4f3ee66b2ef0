import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { ExportLink } from "@/lib/exports/components/export-link";
import { PrinterTable } from "@/lib/printers/components/printer-table";
import { PRINTER_SORTS, PRINTER_STATUS_FILTERS } from "@/lib/printers/list-order";
import { listPrintersSchema } from "@/lib/printers/schemas";
import { listPrinters, type PrinterPage } from "@/lib/printers/service";
import { Card, EmptyState, Notice, PageHeader, Pagination } from "@/lib/ui/components";
import { FilterSelect } from "@/lib/ui/filter-select";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("printers");
  return { title: t("list.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function PrintersPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("printers.read", "printers");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("printers");
  const params = await searchParams;
  const parsed = listPrintersSchema.safeParse({
    q: str(params.q),
    page: str(params.page),
    connector: str(params.connector),
    group: str(params.group),
    status: str(params.status),
    sort: str(params.sort),
    dir: str(params.dir),
  });
  const query = parsed.success ? parsed.data : listPrintersSchema.parse({});
  const loaded = await tryLoad(() => listPrinters(ctx.current, query));
  const filtered = Boolean(query.q || query.connector || query.group || query.status !== "all");
  const filters = new URLSearchParams();
  if (query.q) filters.set("q", query.q);
  if (query.connector) filters.set("connector", query.connector);
  if (query.group) filters.set("group", query.group);
  if (query.status !== "all") filters.set("status", query.status);
  if (query.sort !== "name") filters.set("sort", query.sort);
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(filters);
    next.set("page", String(page));
    return `/printers?${next}`;
  };

  return (
    <>
      <PageHeader
        title={t("list.title")}
        description={t("list.description")}
        actions={
          <>
            <ExportLink kind="printers" filters={filters} />
            {ctx.can("connectors.read") ? (
              <Link href="/connectors" className={buttonClass.secondary}>
                {t("list.connectors")}
              </Link>
            ) : null}
          </>
        }
      />
      <form role="search" className="mb-4 flex flex-col gap-2 lg:flex-row" action="/printers">
        <label htmlFor="printer-search" className="sr-only">
          {t("list.searchLabel")}
        </label>
        <input
          id="printer-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder={t("list.searchPlaceholder")}
          className={inputClass}
        />
        <div className="flex flex-col gap-2 sm:flex-row">
          <FilterSelect
            id="printer-connector"
            name="connector"
            label={t("list.connector")}
            defaultValue={query.connector}
            className="lg:w-48"
            options={[
              { value: "", label: t("list.allConnectors") },
              ...(loaded.ok ? loaded.data.connectors.map((c) => ({ value: c.id, label: c.name })) : []),
            ]}
          />
          <FilterSelect
            id="printer-group"
            name="group"
            label={t("list.group")}
            defaultValue={query.group}
            className="lg:w-48"
            options={[
              { value: "", label: t("list.allGroups") },
              ...(loaded.ok ? loaded.data.groups.map((g) => ({ value: g.id, label: g.name })) : []),
            ]}
          />
          <FilterSelect
            id="printer-status"
            name="status"
            label={t("list.status")}
            defaultValue={query.status}
            className="lg:w-36"
            options={PRINTER_STATUS_FILTERS.map((value) => ({ value, label: t(`statusFilter.${value}`) }))}
          />
          <FilterSelect
            id="printer-sort"
            name="sort"
            label={t("list.sortBy")}
            defaultValue={query.sort}
            className="lg:w-44"
            options={PRINTER_SORTS.map((value) => ({
              value,
              label: t("sort.label", { order: t(`sort.${value}`) }),
            }))}
          />
          <button type="submit" className={buttonClass.secondary}>
            {t("list.search")}
          </button>
        </div>
      </form>
      {loaded.ok ? (
        <PrinterResults data={loaded.data} filtered={filtered} hrefFor={hrefFor} />
      ) : (
        <Notice tone="error">{t("list.loadFailed", { error: loaded.error })}</Notice>
      )}
    </>
  );
}

async function PrinterResults(props: {
  data: PrinterPage;
  filtered: boolean;
  hrefFor: (page: number) => string;
}) {
  const { data } = props;
  const t = await getTranslations("printers");
  if (data.total > 0)
    return (
      <Card className="overflow-hidden">
        <PrinterTable printers={data.items} />
        <Pagination
          page={data.page}
          pageCount={data.pageCount}
          total={data.total}
          noun={t("list.pagination")}
          hrefFor={props.hrefFor}
        />
      </Card>
    );
  if (props.filtered)
    return (
      <EmptyState title={t("list.noMatchTitle")}>
        {t("list.noMatch")}{" "}
        <Link className="font-medium text-brand-700 hover:underline" href="/printers">
          {t("list.showAll")}
        </Link>
      </EmptyState>
    );
  return <EmptyState title={t("list.emptyTitle")}>{t("list.empty")}</EmptyState>;
}
