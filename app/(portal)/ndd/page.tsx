import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { getPageContext } from "@/lib/auth/session";
import { IdentityList } from "@/lib/provisioning/components/identity-list";
import { listIdentities } from "@/lib/provisioning/ndd/queries";
import { identitySearchSchema } from "@/lib/provisioning/ndd/schemas";
import { AccessDenied, PageHeader } from "@/lib/ui/components";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ndd.page");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NddPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("ndd.page");
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("users.read")) return <AccessDenied what={t("deniedWhat")} />;
  const params = await searchParams;
  const parsed = identitySearchSchema.safeParse({
    q: typeof params.q === "string" ? params.q : undefined,
    page: typeof params.page === "string" ? params.page : undefined,
  });
  const query = parsed.success ? parsed.data : {};
  const data = await listIdentities(ctx.current, query);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <IdentityList data={data} q={query.q ?? ""} />
    </>
  );
}
