import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Domain rule" };

const NOTICES: Record<string, string> = {
  created: "The rule was saved. New users at this domain join its groups from now on.",
  updated: "Your changes were saved.",
};

export default async function DomainRulePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("groups.read")) return <AccessDenied what="domain rules" />;
  const { id } = await params;
  const { notice } = await searchParams;
  const rule = await findRule(ctx.current.organization.id, id);
  if (!rule) notFound();
  const canWrite = ctx.can("memberships.write");
  const groups = canWrite ? await tryLoad(() => groupChoices(ctx.current!)) : null;
  const history = ctx.can("audit.read") ? (await ruleHistory(ctx.current, rule.id, 20)).map(toView) : null;
  return (
    <>
      <Link href="/domains" className="text-sm font-medium text-brand-700 hover:underline">
        ← Domain rules
      </Link>
      {typeof notice === "string" && NOTICES[notice] ? (
        <Notice tone="success">{NOTICES[notice]}</Notice>
      ) : null}
      <PageHeader
        title={rule.pattern}
        description={`Adds ${rule.groups.map((g) => g.name).join(", ")}${rule.joinedAfter ? ` to users who join after ${rule.joinedAfter.toISOString().slice(0, 10)}` : " to every new user at this domain"}. ${rule.usersAdded} users added so far; last applied ${rule.lastAppliedAt ? formatDateTime(rule.lastAppliedAt) : "never"}.`}
        actions={canWrite ? <DeleteRuleButton rule={rule} /> : null}
      />
      {canWrite ? (
        <div className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-1 text-base font-semibold text-slate-900">Apply to existing users</h2>
            <p className="mb-4 text-sm text-slate-600">
              New users get the rule automatically. Users who were there before get it only from here.
            </p>
            <ApplyExisting ruleId={rule.id} />
          </Card>
          <section aria-labelledby="edit-title">
            <h2 id="edit-title" className="mb-2 text-base font-semibold text-slate-900">
              Edit rule
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
              <Notice tone="error">The groups could not be loaded from ezeep. {groups?.error}</Notice>
            )}
          </section>
        </div>
      ) : null}
      {history ? (
        <RecentChanges entries={history} emptyText="No changes recorded for this rule yet." />
      ) : null}
    </>
  );
}
