import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { GroupHeader } from "@/lib/groups/components/group-header";
import { GroupBreadcrumbs, GroupLoadFailed } from "@/lib/groups/components/group-page-frame";
import { GroupSummary } from "@/lib/groups/components/group-summary";
import { loadGroupPage, type GroupPageProps } from "@/lib/groups/page-data";
import { Notice } from "@/lib/ui/components";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.detail");
  return { title: t("title") };
}

export default async function GroupPage({ params, searchParams }: GroupPageProps) {
  const loaded = await loadGroupPage(params);
  if (!loaded.ok) return loaded.denied;
  const { ctx, id, group } = loaded;
  const t = await getTranslations("groups.detail");
  const { notice } = await searchParams;
  const history = ctx.can("audit.read")
    ? await listAuditEntries(ctx.current, { targetType: "group", targetId: id, limit: 10 })
    : null;

  return (
    <>
      <GroupBreadcrumbs groupId={id} name={group?.name ?? null} />
      {group ? (
        <div className="mt-2">
          {notice === "created" ? <Notice tone="success">{t("createdNotice")}</Notice> : null}
          {notice === "updated" ? <Notice tone="success">{t("updatedNotice")}</Notice> : null}
          <GroupHeader group={group} canWrite={ctx.can("groups.write")} />
          <GroupSummary group={group} />
        </div>
      ) : (
        <GroupLoadFailed error={loaded.loadError} />
      )}
      {history ? <RecentChanges entries={history.entries} emptyText={t("noHistory")} /> : null}
    </>
  );
}
