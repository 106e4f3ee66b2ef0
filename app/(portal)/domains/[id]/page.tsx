import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { toView } from "@/lib/audit/queries";
import { RuleHeader, RuleWriteSections } from "@/lib/domain-rules/components/rule-detail";
import { findRule } from "@/lib/domain-rules/rules";
import { groupChoices, ruleHistory } from "@/lib/domain-rules/service";
import { Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("domains.detail");
  return { title: t("pageTitle") };
}

const NOTICES = ["created", "updated"] as const;

function isNotice(value: unknown): value is (typeof NOTICES)[number] {
  return typeof value === "string" && (NOTICES as readonly string[]).includes(value);
}

export default async function DomainRulePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("domains");
  const guard = await requirePageContext("groups.read", t("list.deniedWhat"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const { notice } = await searchParams;
  const rule = await findRule(ctx.current.organization.id, id);
  if (!rule) notFound();
  const canWrite = ctx.can("memberships.write");
  const groups = canWrite ? await tryLoad(() => groupChoices(ctx.current)) : null;
  const history = ctx.can("audit.read") ? (await ruleHistory(ctx.current, rule.id, 20)).map(toView) : null;
  return (
    <>
      <Link href="/domains" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("new.back")}
      </Link>
      {isNotice(notice) ? <Notice tone="success">{t(`detail.${notice}`)}</Notice> : null}
      <RuleHeader rule={rule} canWrite={canWrite} />
      {groups ? <RuleWriteSections rule={rule} groups={groups} /> : null}
      {history ? <RecentChanges entries={history} emptyText={t("detail.noHistory")} /> : null}
    </>
  );
}
