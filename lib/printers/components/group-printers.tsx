// The sections of one group's "Printers" page: the printers assigned to the group (each with
// "Remove" for those who may assign printers) and the form assigning more.
import { useTranslations } from "next-intl";

import type { ActionResult } from "@/lib/auth/action";
import { AssignPrintersForm, UnassignPrinterButton } from "@/lib/printers/components/group-printers-editor";
import { PrinterTable } from "@/lib/printers/components/printer-table";
import type { listPrinterChoices, PrinterView } from "@/lib/printers/service";
import { Card, EmptyState, Notice } from "@/lib/ui/components";

type PrinterChoice = Awaited<ReturnType<typeof listPrinterChoices>>[number];

interface GroupRef {
  id: string;
  name: string;
}

export function AssignedPrinters(props: { group: GroupRef; printers: PrinterView[]; canAssign: boolean }) {
  const t = useTranslations("groups.printers");
  const { group, printers, canAssign } = props;
  return (
    <section aria-labelledby="group-printers-title">
      <div className="mb-2 flex items-baseline justify-between gap-3">
        <h2 id="group-printers-title" className="text-sm font-semibold text-slate-900">
          {t("heading")}
        </h2>
        <span className="text-xs text-slate-500">{t("count", { count: printers.length })}</span>
      </div>
      {printers.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>
          {canAssign ? t("emptyTextCanAssign", { group: group.name }) : t("emptyText", { group: group.name })}
        </EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <PrinterTable
            printers={printers}
            rowAction={
              canAssign
                ? (p) => (
                    <UnassignPrinterButton
                      groupId={group.id}
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
  );
}

/** "Assign printers": the printers not in the group yet, or why they could not be listed. */
export function AssignPrinters(props: { group: GroupRef; choices: ActionResult<PrinterChoice[]> | null }) {
  const t = useTranslations("groups.printers");
  const { group, choices } = props;
  return (
    <section aria-labelledby="assign-printers-title">
      <h2 id="assign-printers-title" className="mb-2 text-sm font-semibold text-slate-900">
        {t("assign")}
      </h2>
      <Card className="p-5">
        {choices && !choices.ok ? (
          <Notice tone="error">{t("choicesFailed", { error: choices.error })}</Notice>
        ) : null}
        {choices?.ok ? (
          <AssignPrintersForm
            groupId={group.id}
            groupName={group.name}
            available={choices.data
              .filter((p) => !p.groupIds.includes(group.id))
              .map((p) => ({ id: p.id, name: p.name, location: p.location }))}
          />
        ) : null}
      </Card>
    </section>
  );
}
