import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { GroupHeader } from "@/lib/groups/components/group-header";
import { findGroup } from "@/lib/groups/service";
import { AssignPrintersForm, UnassignPrinterButton } from "@/lib/printers/components/group-printers-editor";
import { PrinterTable } from "@/lib/printers/components/printer-table";
import { listGroupPrinters, listPrinterChoices } from "@/lib/printers/service";
import { AccessDenied, Breadcrumbs, Card, EmptyState, Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.printers");
  return { title: t("title") };
}

export default async function GroupPrintersPage({ params }: { params: Promise<{ id: string }> }) {
  const tAccess = await getTranslations("groups.access");
  const guard = await requirePageContext("groups.read", tAccess("groups"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("groups");
  const { id } = await params;
  const org = ctx.current;
  const loaded = await tryLoad(() => findGroup(org, id));
  if (loaded.ok && !loaded.data) notFound();
  const group = loaded.ok ? loaded.data! : null;
  const canReadPrinters = ctx.can("printers.read");
  const canAssign = ctx.can("printers.write");
  const canEditGroup = ctx.can("groups.write");
  const [printers, choices] = await Promise.all([
    group && canReadPrinters ? tryLoad(() => listGroupPrinters(org, id)) : null,
    group && canAssign ? tryLoad(() => listPrinterChoices(org)) : null,
  ]);

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("detail.breadcrumb"), href: "/groups" },
          { label: group?.name ?? t("detail.title"), href: `/groups/${id}` },
          { label: t("printers.breadcrumb") },
        ]}
      />
      {!group ? (
        <div className="mt-4">
          <Notice tone="error">{t("detail.loadFailed", { error: loaded.ok ? "" : loaded.error })}</Notice>
        </div>
      ) : (
        <div className="mt-2">
          <GroupHeader group={group} canWrite={canEditGroup} />
          {!canReadPrinters ? <AccessDenied what={tAccess("printers")} /> : null}
          {printers && !printers.ok ? (
            <Notice tone="error">{t("printers.loadFailed", { error: printers.error })}</Notice>
          ) : null}
          {printers?.ok ? (
            <div className="space-y-6">
              <section aria-labelledby="group-printers-title">
                <div className="mb-2 flex items-baseline justify-between gap-3">
                  <h2 id="group-printers-title" className="text-sm font-semibold text-slate-900">
                    {t("printers.heading")}
                  </h2>
                  <span className="text-xs text-slate-500">
                    {t("printers.count", { count: printers.data.length })}
                  </span>
                </div>
                {printers.data.length === 0 ? (
                  <EmptyState title={t("printers.emptyTitle")}>
                    {canAssign
                      ? t("printers.emptyTextCanAssign", { group: group.name })
                      : t("printers.emptyText", { group: group.name })}
                  </EmptyState>
                ) : (
                  <Card className="overflow-hidden">
                    <PrinterTable
                      printers={printers.data}
                      rowAction={
                        canAssign
                          ? (p) => (
                              <UnassignPrinterButton
                                groupId={id}
                                groupName={group.name}
                                printer={{ id: p.id, name: p.name }}
                              />
                            )
                          : undefined
                      }
                    />
                  </Card>
                )}
              </section>
              {canAssign ? (
                <section aria-labelledby="assign-printers-title">
                  <h2 id="assign-printers-title" className="mb-2 text-sm font-semibold text-slate-900">
                    {t("printers.assign")}
                  </h2>
                  <Card className="p-5">
                    {choices && !choices.ok ? (
                      <Notice tone="error">{t("printers.choicesFailed", { error: choices.error })}</Notice>
                    ) : null}
                    {choices?.ok ? (
                      <AssignPrintersForm
                        groupId={id}
                        groupName={group.name}
                        available={choices.data
                          .filter((p) => !p.groupIds.includes(id))
                          .map((p) => ({ id: p.id, name: p.name, location: p.location }))}
                      />
                    ) : null}
                  </Card>
                </section>
              ) : null}
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}
