import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import {
  printerListFilters,
  PrinterListHeader,
  PrinterResults,
  PrinterSearchForm,
} from "@/lib/printers/components/printer-list";
import { listPrintersSchema } from "@/lib/printers/schemas";
import { listPrinters } from "@/lib/printers/service";
import { Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

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
  const filters = printerListFilters(query);
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(filters);
    next.set("page", String(page));
    return `/printers?${next}`;
  };

  return (
    <>
      <PrinterListHeader filters={filters} canSeeConnectors={ctx.can("connectors.read")} />
      <PrinterSearchForm query={query} choices={loaded.ok ? loaded.data : null} />
      {loaded.ok ? (
        <PrinterResults
          data={loaded.data}
          filtered={Boolean(query.q || query.connector || query.group || query.status !== "all")}
          hrefFor={hrefFor}
        />
      ) : (
        <Notice tone="error">{t("list.loadFailed", { error: loaded.error })}</Notice>
      )}
    </>
  );
}
