import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { GroupHeader } from "@/lib/groups/components/group-header";
import { GroupBreadcrumbs, GroupLoadFailed } from "@/lib/groups/components/group-page-frame";
import { GroupSummary } from "@/lib/groups/components/group-summary";
import { findGroup } from "@/lib/groups/service";
import { Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.detail");
  return { title: t("title") };
}

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const tAccess = await getTranslations("groups.access");
  const guard = await requirePageContext("groups.read", tAccess("groups"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("groups.detail");
  const { id } = await params;
  const { notice } = await searchParams;
  const loaded = await tryLoad(() => findGroup(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  // Absent only when ezeep could not be asked (an unknown id is a 404 above).
  const group = loaded.ok ? loaded.data : null;
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
        <GroupLoadFailed error={loaded.ok ? "" : loaded.error} />
      )}
      {history ? <RecentChanges entries={history.entries} emptyText={t("noHistory")} /> : null}
    </>
  );
}
