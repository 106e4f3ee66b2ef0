import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { toView } from "@/lib/audit/queries";
import { getPageContext } from "@/lib/auth/session";
import { ApplyExisting } from "@/lib/domain-rules/components/apply-existing";
import { DeleteRuleButton } from "@/lib/domain-rules/components/delete-rule-button";
import { RuleEditor } from "@/lib/domain-rules/components/rule-editor";
import { findRule } from "@/lib/domain-rules/rules";
import { groupChoices, ruleHistory } from "@/lib/domain-rules/service";
import { AccessDenied, Card, formatDateTime, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

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
  const ctx = await getPageContext();
  const t = await getTranslations("domains");
  const locale = await getLocale();
  if (!ctx.current || !ctx.can("groups.read")) return <AccessDenied what={t("list.deniedWhat")} />;
  const { id } = await params;
  const { notice } = await searchParams;
  const rule = await findRule(ctx.current.organization.id, id);
  if (!rule) notFound();
  const canWrite = ctx.can("memberships.write");
  const groups = canWrite ? await tryLoad(() => groupChoices(ctx.current!)) : null;
  const summary = {
    groups: rule.groups.map((g) => g.name).join(", "),
    count: rule.usersAdded,
    lastApplied: rule.lastAppliedAt ? formatDateTime(rule.lastAppliedAt, locale) : t("detail.never"),
  };
  const history = ctx.can("audit.read") ? (await ruleHistory(ctx.current, rule.id, 20)).map(toView) : null;
  return (
    <>
      <Link href="/domains" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t("new.back")}
      </Link>
      {isNotice(notice) ? <Notice tone="success">{t(`detail.${notice}`)}</Notice> : null}
      <PageHeader
        title={rule.pattern}
        description={
          rule.joinedAfter
            ? t("detail.descriptionAfter", { ...summary, date: rule.joinedAfter.toISOString().slice(0, 10) })
            : t("detail.descriptionAll", summary)
        }
        actions={canWrite ? <DeleteRuleButton rule={rule} /> : null}
      />
      {canWrite ? (
        <div className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-1 text-base font-semibold text-slate-900">{t("detail.applyTitle")}</h2>
            <p className="mb-4 text-sm text-slate-600">{t("detail.applyBody")}</p>
            <ApplyExisting ruleId={rule.id} />
          </Card>
          <section aria-labelledby="edit-title">
            <h2 id="edit-title" className="mb-2 text-base font-semibold text-slate-900">
              {t("detail.editTitle")}
            </h2>
            {groups?.ok ? (
              <RuleEditor
                groups={groups.data}
                rule={{
                  id: rule.id,
                  pattern: rule.pattern,
                  groupIds: rule.groups.map((g) => g.id),
                  joinedAfter: rule.joinedAfter?.toISOString().slice(0, 10) ?? null,
                }}
              />
            ) : (
              <Notice tone="error">{t("new.groupsError", { error: groups?.error ?? "" })}</Notice>
            )}
          </section>
        </div>
      ) : null}
      {history ? <RecentChanges entries={history} emptyText={t("detail.noHistory")} /> : null}
    </>
  );
}
