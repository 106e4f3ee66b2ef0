import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { DriverSearchForm } from "@/lib/drivers/components/driver-search-form";
import { DriverTable } from "@/lib/drivers/components/driver-table";
import { VendorList } from "@/lib/drivers/components/vendor-list";
import { listDriversSchema } from "@/lib/drivers/schemas";
import { listDrivers } from "@/lib/drivers/service";
import { EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

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
          <DriverSearchForm vendors={loaded.data.vendors} vendor={loaded.data.vendor} q={query.q} />
          {loaded.data.vendor ? (
            <DriverTable data={loaded.data} query={query} />
          ) : (
            <VendorList vendors={loaded.data.vendors} />
          )}
        </>
      ) : null}
    </>
  );
}
