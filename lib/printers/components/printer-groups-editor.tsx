"use client";

// A printer's groups: remove one, or add one or more. Every change goes through a server action
// that re-reads the printer's groups under a lock and sends ezeep only the difference.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";

import { assignGroupsAction, unassignGroupsAction } from "@/lib/printers/actions";
import { Badge, FormAlert, FormStatus } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

interface GroupOption {
  id: string;
  name: string;
}

function resultMessage(
  t: ReturnType<typeof useTranslations<"printers">>,
  kind: "assign" | "unassign",
  changed: boolean,
  values: { group: string; printer: string },
) {
  if (kind === "assign")
    return changed ? t("groupsEditor.assigned", values) : t("groupsEditor.alreadyAssigned", values);
  return changed ? t("groupsEditor.unassigned", values) : t("groupsEditor.notAssigned", values);
}

export function PrinterGroupsEditor(props: {
  printerId: string;
  printerName: string;
  assigned: (GroupOption & { foreignId: string | null })[];
  allGroups: GroupOption[];
  canWrite: boolean;
}) {
  const t = useTranslations("printers");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, status, errorAnchor, statusAnchor } = form;
  const [selected, setSelected] = useState("");
  const [busyId, setBusyId] = useState<string | null>(null);
  const assignedIds = useMemo(() => new Set(props.assigned.map((g) => g.id)), [props.assigned]);
  const available = props.allGroups.filter((g) => !assignedIds.has(g.id));

  function run(kind: "assign" | "unassign", group: GroupOption) {
    form.reset();
    setBusyId(group.id);
    form.run(
      async () => {
        const ids = { printerId: props.printerId, groupIds: [group.id] };
        const result = kind === "assign" ? await assignGroupsAction(ids) : await unassignGroupsAction(ids);
        setBusyId(null);
        return result;
      },
      (data) => {
        if (kind === "assign") setSelected("");
        router.refresh();
        return resultMessage(t, kind, data.changed.length > 0, {
          group: group.name,
          printer: props.printerName,
        });
      },
    );
  }

  return (
    <div className="space-y-3">
      <FormAlert message={error} ref={errorAnchor} />
      <FormStatus message={status} ref={statusAnchor} />
      {props.assigned.length === 0 ? (
        <p className="text-sm text-slate-500">{t("groupsEditor.noGroup")}</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200"
          aria-label={t("groupsEditor.listLabel")}
        >
          {props.assigned.map((group) => (
            <li key={group.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <span className="flex min-w-0 items-center gap-2">
                <Link
                  href={`/groups/${group.id}/printers`}
                  className="truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {group.name}
                </Link>
                {group.foreignId ? <Badge tone="violet">{t("groupsEditor.azure")}</Badge> : null}
              </span>
              {props.canWrite ? (
                <button
                  type="button"
                  className="shrink-0 text-sm font-medium text-red-700 hover:underline disabled:opacity-50"
                  disabled={pending}
                  aria-label={t("groupsEditor.unassignAria", { group: group.name })}
                  onClick={() => run("unassign", group)}
                >
                  {busyId === group.id ? t("groupsEditor.removing") : t("groupsEditor.unassign")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.canWrite && available.length === 0 ? (
        <p className="text-xs text-slate-500">{t("groupsEditor.everyGroupAssigned")}</p>
      ) : null}
      {props.canWrite && available.length > 0 ? (
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            const group = available.find((g) => g.id === selected);
            if (!group) {
              form.setError(t("groupsEditor.chooseGroupError"));
              return;
            }
            run("assign", group);
          }}
        >
          <div className="min-w-0 flex-1 space-y-1">
            <label htmlFor={`assign-group-${props.printerId}`} className={labelClass}>
              {t("groupsEditor.assignLabel")}
            </label>
            <select
              id={`assign-group-${props.printerId}`}
              className={inputClass}
              value={selected}
              onChange={(e) => setSelected(e.target.value)}
              disabled={pending}
            >
              <option value="">{t("groupsEditor.choosePlaceholder")}</option>
              {available.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass.primary} disabled={pending || !selected}>
            {pending && busyId === selected ? t("groupsEditor.assigning") : t("groupsEditor.assign")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
