import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { EntryDiff } from "@/lib/audit/components/entry-diff";
import { EntryFacts } from "@/lib/audit/components/entry-facts";
import { EntryHeader } from "@/lib/audit/components/entry-header";
import { EntryIntegrity } from "@/lib/audit/components/entry-integrity";
import { getAuditEntry } from "@/lib/audit/queries";
import { auditViewerOf, canReadEntryOf } from "@/lib/audit/scope";
import { Card } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit.entry");
  return { title: t("title") };
}

export default async function AuditEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations("audit");
  const guard = await requirePageContext("audit.read", t("list.deniedWhat"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) notFound();
  const entry = await getAuditEntry(n);
  if (!entry || !canReadEntryOf(auditViewerOf(ctx), entry.organizationId)) notFound();
  const org = ctx.memberships.find((m) => m.organization.id === entry.organizationId)?.organization;

  return (
    <>
      <EntryHeader entry={entry} organizationName={org ? org.name : null} />
      <div className="grid gap-4 lg:grid-cols-3">
        <EntryFacts entry={entry} />
        <EntryIntegrity entry={entry} />
      </div>
      <Card className="mt-4 overflow-x-auto">
        <h2 className="px-4 pt-4 text-sm font-semibold text-slate-900">{t("entry.beforeAfter")}</h2>
        <EntryDiff before={entry.before} after={entry.after} />
      </Card>
    </>
  );
}
