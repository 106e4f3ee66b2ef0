import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { listAuditEntries } from "@/lib/audit/queries";
import { getPageContext } from "@/lib/auth/session";
import { summarizeGroups } from "@/lib/groups/service";
import { InvitationsCard } from "@/lib/invitations/components/invitations-card";
import { GroupStats } from "@/lib/overview/components/group-stats";
import { HealthCard } from "@/lib/overview/components/health-card";
import { RecentChangesSection } from "@/lib/overview/components/recent-changes-section";
import { organizationHealth, visibleHealthItems } from "@/lib/overview/health";
import { EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

export default async function OverviewPage() {
  const ctx = await getPageContext();
  const t = await getTranslations("overview");
  const current = ctx.current;
  if (!current) return <EmptyState title={t("noOrg.title")}>{t("noOrg.body")}</EmptyState>;
  const tShell = await getTranslations("shell");
  const [groups, recent, health] = await Promise.all([
    tryLoad(() => summarizeGroups(current)),
    ctx.can("audit.read") ? listAuditEntries(current, { limit: 6 }) : null,
    organizationHealth(current),
  ]);

  return (
    <>
      <PageHeader
        title={current.organization.name}
        description={t("signedInAs", { name: ctx.admin.name, role: tShell(`roles.${current.role!}`) })}
      />
      {!groups.ok ? <Notice tone="error">{t("ezeepUnreachable", { error: groups.error })}</Notice> : null}
      <GroupStats summary={groups.ok ? groups.data : null} />
      <HealthCard items={visibleHealthItems(health, ctx.can)} />
      {ctx.can("invitations.read") ? <InvitationsCard ctx={current} /> : null}
      {recent ? <RecentChangesSection entries={recent.entries} /> : null}
    </>
  );
}
