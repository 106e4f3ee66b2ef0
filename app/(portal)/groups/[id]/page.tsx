import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { GroupHeader } from "@/lib/groups/components/group-header";
import { OriginBadge } from "@/lib/groups/components/origin-badge";
import { findGroup } from "@/lib/groups/service";
import { Badge, Breadcrumbs, Card, Notice } from "@/lib/ui/components";
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
  const history = ctx.can("audit.read")
    ? await listAuditEntries(ctx.current, { targetType: "group", targetId: id, limit: 10 })
    : null;
  const canWrite = ctx.can("groups.write");

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("breadcrumb"), href: "/groups" },
          { label: loaded.ok && loaded.data ? loaded.data.name : t("title") },
        ]}
      />
      {!loaded.ok ? (
        <div className="mt-4">
          <Notice tone="error">{t("loadFailed", { error: loaded.error })}</Notice>
        </div>
      ) : (
        <div className="mt-2">
          {notice === "created" ? <Notice tone="success">{t("createdNotice")}</Notice> : null}
          {notice === "updated" ? <Notice tone="success">{t("updatedNotice")}</Notice> : null}
          <GroupHeader group={loaded.data!} canWrite={canWrite} />
          <Card className="mb-6">
            <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-4">
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("origin")}</dt>
                <dd className="mt-1">
                  <OriginBadge group={loaded.data!} />
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("members")}</dt>
                <dd className="mt-1 text-lg font-semibold">{loaded.data!.members}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
                  {t("printers")}
                </dt>
                <dd className="mt-1 text-lg font-semibold">{loaded.data!.printers}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
                  {t("printingOptions")}
                </dt>
                <dd className="mt-1 flex flex-wrap gap-1">
                  <Badge tone={loaded.data!.localPrintingEnabled ? "green" : "slate"}>
                    {loaded.data!.localPrintingEnabled ? t("localPrintingOn") : t("localPrintingOff")}
                  </Badge>
                  <Badge tone={loaded.data!.myPrintersEnabled ? "green" : "slate"}>
                    {loaded.data!.myPrintersEnabled ? t("myPrintersOn") : t("myPrintersOff")}
                  </Badge>
                </dd>
              </div>
            </dl>
            {loaded.data!.origin === "azure" ? (
              <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
                {loaded.data!.foreignId ? t("importedWithId", { id: loaded.data!.foreignId }) : t("imported")}
              </p>
            ) : null}
          </Card>
        </div>
      )}
      {history ? <RecentChanges entries={history.entries} emptyText={t("noHistory")} /> : null}
    </>
  );
}
