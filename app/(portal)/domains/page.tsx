import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { getPageContext } from "@/lib/auth/session";
import { RulesTable } from "@/lib/domain-rules/components/rules-table";
import { listRules } from "@/lib/domain-rules/service";
import { AccessDenied, Card, EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("domains.list");
  return { title: t("title") };
}

export default async function DomainRulesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getPageContext();
  const t = await getTranslations("domains.list");
  if (!ctx.current || !ctx.can("groups.read")) return <AccessDenied what={t("deniedWhat")} />;
  const { notice } = await searchParams;
  const { rules, usersError } = await listRules(ctx.current);
  const canWrite = ctx.can("memberships.write");
  const newRule = canWrite ? (
    <Link href="/domains/new" className={buttonClass.primary}>
      {t("newRule")}
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={newRule} />
      {notice === "deleted" ? <Notice tone="success">{t("deleted")}</Notice> : null}
      {usersError ? <Notice tone="error">{t("usersError", { error: usersError })}</Notice> : null}
      {rules.some((r) => r.conflictsWith.length) ? <Notice tone="info">{t("conflicts")}</Notice> : null}
      {rules.length ? (
        <Card>
          <RulesTable rules={rules} />
        </Card>
      ) : (
        <EmptyState title={t("emptyTitle")} action={newRule}>
          {t.rich("emptyBody", { code: (chunks) => <code>{chunks}</code> })}
        </EmptyState>
      )}
    </>
  );
}
