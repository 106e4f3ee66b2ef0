import type { Metadata } from "next";
import Link from "next/link";

import { getPageContext } from "@/lib/auth/session";
import { RuleEditor } from "@/lib/domain-rules/components/rule-editor";
import { groupChoices } from "@/lib/domain-rules/service";
import { AccessDenied, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export const metadata: Metadata = { title: "New domain rule" };

export default async function NewDomainRulePage() {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("memberships.write")) return <AccessDenied what="changing domain rules" />;
  const groups = await tryLoad(() => groupChoices(ctx.current!));
  return (
    <>
      <Link href="/domains" className="text-sm font-medium text-brand-700 hover:underline">
        ← Domain rules
      </Link>
      <PageHeader title="New domain rule" description="Preview who matches before you save." />
      {groups.ok ? (
        <RuleEditor groups={groups.data} />
      ) : (
        <Notice tone="error">The groups could not be loaded from ezeep. {groups.error}</Notice>
      )}
    </>
  );
}
