import type { Metadata } from "next";
import Link from "next/link";

import { getPageContext } from "@/lib/auth/session";
import { RulesTable } from "@/lib/domain-rules/components/rules-table";
import { listRules } from "@/lib/domain-rules/service";
import { AccessDenied, Card, EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Domain rules" };

export default async function DomainRulesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("groups.read")) return <AccessDenied what="domain rules" />;
  const { notice } = await searchParams;
  const { rules, usersError } = await listRules(ctx.current);
  const canWrite = ctx.can("memberships.write");
  const newRule = canWrite ? (
    <Link href="/domains/new" className={buttonClass.primary}>
      New rule
    </Link>
  ) : null;
  return (
    <>
      <PageHeader
        title="Domain rules"
        description="New users join groups automatically by their e-mail domain — whether they accepted an invitation, came from an import or were added in ezeep. Rules only add groups."
        actions={newRule}
      />
      {notice === "deleted" ? <Notice tone="success">The rule was deleted.</Notice> : null}
      {usersError ? (
        <Notice tone="error">
          ezeep&apos;s users could not be read, so matches are not counted. {usersError}
        </Notice>
      ) : null}
      {rules.some((r) => r.conflictsWith.length) ? (
        <Notice tone="info">
          Some domains have more than one rule. Their groups add up; consider merging them into one rule.
        </Notice>
      ) : null}
      {rules.length ? (
        <Card>
          <RulesTable rules={rules} />
        </Card>
      ) : (
        <EmptyState title="No domain rules yet" action={newRule}>
          A rule such as <code>acme.example → Staff</code> adds every new user with an acme.example address to
          the Staff group.
        </EmptyState>
      )}
    </>
  );
}
