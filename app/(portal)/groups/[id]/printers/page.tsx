import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { GroupHeader } from "@/lib/groups/components/group-header";
import { GroupBreadcrumbs, GroupLoadFailed } from "@/lib/groups/components/group-page-frame";
import { loadGroupPage, type GroupPageProps } from "@/lib/groups/page-data";
import { AssignedPrinters, AssignPrinters } from "@/lib/printers/components/group-printers";
import { listGroupPrinters, listPrinterChoices } from "@/lib/printers/service";
import { AccessDenied, Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.printers");
  return { title: t("title") };
}

export default async function GroupPrintersPage({ params }: GroupPageProps) {
  const loaded = await loadGroupPage(params);
  if (!loaded.ok) return loaded.denied;
  const { ctx, id, group } = loaded;
  const tAccess = await getTranslations("groups.access");
  const t = await getTranslations("groups.printers");
  const org = ctx.current;
  const canReadPrinters = ctx.can("printers.read");
  const canAssign = ctx.can("printers.write");
  const [printers, choices] = await Promise.all([
    group && canReadPrinters ? tryLoad(() => listGroupPrinters(org, id)) : null,
    group && canAssign ? tryLoad(() => listPrinterChoices(org)) : null,
  ]);

  return (
    <>
      <GroupBreadcrumbs groupId={id} name={group?.name ?? null} section={t("breadcrumb")} />
      {group ? (
        <div className="mt-2">
          <GroupHeader group={group} canWrite={ctx.can("groups.write")} />
          {!canReadPrinters ? <AccessDenied what={tAccess("printers")} /> : null}
          {printers && !printers.ok ? (
            <Notice tone="error">{t("loadFailed", { error: printers.error })}</Notice>
          ) : null}
          {printers?.ok ? (
            <div className="space-y-6">
              <AssignedPrinters
                group={{ id, name: group.name }}
                printers={printers.data}
                canAssign={canAssign}
              />
              {canAssign ? <AssignPrinters group={{ id, name: group.name }} choices={choices} /> : null}
            </div>
          ) : null}
        </div>
      ) : (
        <GroupLoadFailed error={loaded.loadError} />
      )}
    </>
  );
}
