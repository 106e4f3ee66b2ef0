// The sections of the printers list page: its header (export, connectors), the search with its
// filters and order, and the results (the table or an empty state).
import { useTranslations } from "next-intl";
import Link from "next/link";

import { ExportLink } from "@/lib/exports/components/export-link";
import { PrinterTable } from "@/lib/printers/components/printer-table";
import { PRINTER_SORTS, PRINTER_STATUS_FILTERS } from "@/lib/printers/list-order";
import type { ListPrintersQuery } from "@/lib/printers/schemas";
import type { PrinterPage } from "@/lib/printers/service";
import { Card, EmptyState, PageHeader, Pagination } from "@/lib/ui/components";
import { FilterSelect } from "@/lib/ui/filter-select";
import { SearchForm } from "@/lib/ui/search-form";
import { buttonClass } from "@/lib/ui/styles";

/** The list's filters and order as URL parameters (for the pagination links and the export). */
export function printerListFilters(query: ListPrintersQuery): URLSearchParams {
  const filters = new URLSearchParams();
  if (query.q) filters.set("q", query.q);
  if (query.connector) filters.set("connector", query.connector);
  if (query.group) filters.set("group", query.group);
  if (query.status !== "all") filters.set("status", query.status);
  if (query.sort !== "name") filters.set("sort", query.sort);
  return filters;
}

export function PrinterListHeader(props: { filters: URLSearchParams; canSeeConnectors: boolean }) {
  const t = useTranslations("printers");
  return (
    <PageHeader
      title={t("list.title")}
      description={t("list.description")}
      actions={
        <>
          <ExportLink kind="printers" filters={props.filters} />
          {props.canSeeConnectors ? (
            <Link href="/connectors" className={buttonClass.secondary}>
              {t("list.connectors")}
            </Link>
          ) : null}
        </>
      }
    />
  );
}

/** `choices` are the connectors and groups to filter by (none when the list could not be loaded). */
export function PrinterSearchForm(props: {
  query: ListPrintersQuery;
  choices: Pick<PrinterPage, "connectors" | "groups"> | null;
}) {
  const t = useTranslations("printers");
  const { query, choices } = props;
  return (
    <SearchForm
      action="/printers"
      messages="printers.list"
      fieldId="printer-search"
      q={query.q}
      className="mb-4 flex flex-col gap-2 lg:flex-row"
      controlsClassName="flex flex-col gap-2 sm:flex-row"
    >
      <FilterSelect
        id="printer-connector"
        name="connector"
        label={t("list.connector")}
        defaultValue={query.connector}
        className="lg:w-48"
        options={[
          { value: "", label: t("list.allConnectors") },
          ...(choices?.connectors.map((c) => ({ value: c.id, label: c.name })) ?? []),
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
          ...(choices?.groups.map((g) => ({ value: g.id, label: g.name })) ?? []),
        ]}
      />
      <PrinterStatusAndOrder query={query} />
    </SearchForm>
  );
}

function PrinterStatusAndOrder({ query }: { query: ListPrintersQuery }) {
  const t = useTranslations("printers");
  return (
    <>
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
    </>
  );
}

export function PrinterResults(props: {
  data: PrinterPage;
  filtered: boolean;
  hrefFor: (page: number) => string;
}) {
  const { data } = props;
  const t = useTranslations("printers");
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
