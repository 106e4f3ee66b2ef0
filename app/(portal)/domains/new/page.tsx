import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { getPageContext } from "@/lib/auth/session";
import { RuleEditor } from "@/lib/domain-rules/components/rule-editor";
import { groupChoices } from "@/lib/domain-rules/service";
import { AccessDenied, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("domains.new");
  return { title: t("title") };
}

export default async function NewDomainRulePage() {
  const ctx = await getPageContext();
  const t = await getTranslations("domains");
  if (!ctx.current || !ctx.can("memberships.write")) return <AccessDenied what={t("list.deniedWriteWhat")} />;
  const groups = await tryLoad(() => groupChoices(ctx.current!));
  return (
    <>
      <Link href="/domains" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("new.back")}
      </Link>
      <PageHeader title={t("new.title")} description={t("new.description")} />
      {groups.ok ? (
        <RuleEditor groups={groups.data} />
      ) : (
        <Notice tone="error">{t("new.groupsError", { error: groups.error })}</Notice>
      )}
    </>
  );
}
