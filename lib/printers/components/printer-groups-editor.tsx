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

type AssignedGroup = GroupOption & { foreignId: string | null };

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

interface PrinterGroupsEditorProps {
  printerId: string;
  printerName: string;
  assigned: AssignedGroup[];
  allGroups: GroupOption[];
  canWrite: boolean;
}

/** Runs one assign/unassign at a time; `busyId` is the group whose change is running. */
function usePrinterGroupChanges(props: PrinterGroupsEditorProps, available: GroupOption[]) {
  const t = useTranslations("printers");
  const router = useRouter();
  const form = useActionForm();
  const [selected, setSelected] = useState("");
  const [busyId, setBusyId] = useState<string | null>(null);

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

  const assignChosen = () => {
    const group = available.find((g) => g.id === selected);
    if (!group) {
      form.setError(t("groupsEditor.chooseGroupError"));
      return;
    }
    run("assign", group);
  };

  return {
    form,
    selected,
    setSelected,
    busyId,
    assignChosen,
    unassign: (g: GroupOption) => run("unassign", g),
  };
}

export function PrinterGroupsEditor(props: PrinterGroupsEditorProps) {
  const t = useTranslations("printers");
  const assignedIds = useMemo(() => new Set(props.assigned.map((g) => g.id)), [props.assigned]);
  const available = props.allGroups.filter((g) => !assignedIds.has(g.id));
  const { form, selected, setSelected, busyId, assignChosen, unassign } = usePrinterGroupChanges(
    props,
    available,
  );
  const { pending, error, status, errorAnchor, statusAnchor } = form;

  return (
    <div className="space-y-3">
      <FormAlert message={error} ref={errorAnchor} />
      <FormStatus message={status} ref={statusAnchor} />
      <AssignedGroupList
        groups={props.assigned}
        canWrite={props.canWrite}
        pending={pending}
        busyId={busyId}
        onUnassign={unassign}
      />
      {props.canWrite && available.length === 0 ? (
        <p className="text-xs text-slate-500">{t("groupsEditor.everyGroupAssigned")}</p>
      ) : null}
      {props.canWrite && available.length > 0 ? (
        <AssignGroupForm
          printerId={props.printerId}
          available={available}
          selected={selected}
          onSelect={setSelected}
          pending={pending}
          busy={pending && busyId === selected}
          onSubmit={assignChosen}
        />
      ) : null}
    </div>
  );
}

/** The printer's groups, each a link to the group's printers, with "Unassign" for writers. */
function AssignedGroupList(props: {
  groups: AssignedGroup[];
  canWrite: boolean;
  pending: boolean;
  busyId: string | null;
  onUnassign: (group: GroupOption) => void;
}) {
  const t = useTranslations("printers");
  if (props.groups.length === 0) return <p className="text-sm text-slate-500">{t("groupsEditor.noGroup")}</p>;
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200"
      aria-label={t("groupsEditor.listLabel")}
    >
      {props.groups.map((group) => (
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
              disabled={props.pending}
              aria-label={t("groupsEditor.unassignAria", { group: group.name })}
              onClick={() => props.onUnassign(group)}
            >
              {props.busyId === group.id ? t("groupsEditor.removing") : t("groupsEditor.unassign")}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Choose one of the groups the printer is not in yet, and assign it. */
function AssignGroupForm(props: {
  printerId: string;
  available: GroupOption[];
  selected: string;
  onSelect: (groupId: string) => void;
  pending: boolean;
  /** The assignment of the selected group is the action running. */
  busy: boolean;
  onSubmit: () => void;
}) {
  const t = useTranslations("printers");
  const selectId = `assign-group-${props.printerId}`;
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <div className="min-w-0 flex-1 space-y-1">
        <label htmlFor={selectId} className={labelClass}>
          {t("groupsEditor.assignLabel")}
        </label>
        <select
          id={selectId}
          className={inputClass}
          value={props.selected}
          onChange={(e) => props.onSelect(e.target.value)}
          disabled={props.pending}
        >
          <option value="">{t("groupsEditor.choosePlaceholder")}</option>
          {props.available.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass.primary} disabled={props.pending || !props.selected}>
        {props.busy ? t("groupsEditor.assigning") : t("groupsEditor.assign")}
      </button>
    </form>
  );
}
