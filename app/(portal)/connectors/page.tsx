import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { ConnectorsSection, HubSection } from "@/lib/connectors/components/connector-sections";
import { listConnectorsSchema } from "@/lib/connectors/schemas";
import { listConnectors } from "@/lib/connectors/service";
import { Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("connectors");
  return { title: t("list.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function ConnectorsPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("connectors.read", "connectors");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("connectors");
  const params = await searchParams;
  const parsed = listConnectorsSchema.safeParse({
    type: str(params.type),
    status: str(params.status),
    q: str(params.q),
  });
  const query = parsed.success ? parsed.data : listConnectorsSchema.parse({});
  const loaded = await tryLoad(() => listConnectors(ctx.current, query));

  return (
    <>
      <PageHeader
        title={t("list.title")}
        description={t("list.description")}
        actions={
          ctx.can("printers.read") ? (
            <Link href="/printers" className={buttonClass.secondary}>
              {t("list.allPrinters")}
            </Link>
          ) : null
        }
      />
      {loaded.ok ? (
        <div className="space-y-8">
          <ConnectorsSection data={loaded.data} query={query} />
          <HubSection hubs={loaded.data.hubs} />
        </div>
      ) : (
        <Notice tone="error">{t("list.loadFailed", { error: loaded.error })}</Notice>
      )}
    </>
  );
}
