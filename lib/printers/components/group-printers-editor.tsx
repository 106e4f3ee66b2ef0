"use client";

// From the group side: assign printers to the group (several at once) or unassign one. Each
// printer's change is its own locked read-modify-write and audit entry on the server.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { assignPrintersToGroupAction, unassignPrintersFromGroupAction } from "@/lib/printers/actions";
import { FormAlert, FormStatus } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

interface PrinterOption {
  id: string;
  name: string;
  location: string;
}

type Translate = ReturnType<typeof useTranslations<"printers">>;

function summary(
  t: Translate,
  changed: { name: string }[],
  failed: { name: string; error: string }[],
  groupName: string,
) {
  const text = changed.length
    ? t("groupPrinters.changed", { printers: changed.map((p) => `“${p.name}”`).join(", "), group: groupName })
    : t("groupPrinters.nothingChanged");
  const failedText = failed.map((f) => t("groupPrinters.failedItem", { name: f.name, error: f.error }));
  return { text, failed: failedText.join(" ") || null };
}

function assignLabel(t: Translate, pending: boolean, count: number): string {
  if (pending) return t("groupPrinters.assigning");
  return count > 1 ? t("groupPrinters.assignMany", { count }) : t("groupPrinters.assignOne");
}

export function AssignPrintersForm(props: {
  groupId: string;
  groupName: string;
  available: PrinterOption[];
}) {
  const t = useTranslations("printers");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, status, errorAnchor, statusAnchor } = form;
  const [filter, setFilter] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());

  const result = <FormStatus message={status} ref={statusAnchor} />;
  if (props.available.length === 0)
    return (
      <div className="space-y-3">
        {result}
        <p className="text-sm text-slate-500">{t("groupPrinters.allAssigned")}</p>
      </div>
    );

  const submit = () => {
    form.reset();
    if (chosen.size === 0) {
      form.setError(t("groupPrinters.chooseOne"));
      return;
    }
    form.run(
      () => assignPrintersToGroupAction({ groupId: props.groupId, printerIds: [...chosen] }),
      (data) => {
        const s = summary(t, data.changed, data.failed, props.groupName);
        form.setError(s.failed);
        setChosen(new Set());
        router.refresh();
        return s.text;
      },
    );
  };

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      {result}
      <PrinterFilterField value={filter} onChange={setFilter} />
      <PrinterChecklist
        printers={matching(props.available, filter)}
        chosen={chosen}
        onChosenChange={setChosen}
        filter={filter}
        groupName={props.groupName}
      />
      <button type="submit" className={buttonClass.primary} disabled={pending || chosen.size === 0}>
        {assignLabel(t, pending, chosen.size)}
      </button>
    </form>
  );
}

/** The printers whose name or location contains the filter text (all of them when it is empty). */
function matching(printers: PrinterOption[], filter: string): PrinterOption[] {
  const needle = filter.trim().toLowerCase();
  return printers.filter(
    (p) => !needle || p.name.toLowerCase().includes(needle) || p.location.toLowerCase().includes(needle),
  );
}

function PrinterFilterField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useTranslations("printers");
  return (
    <div className="space-y-1">
      <label htmlFor="printer-filter" className={labelClass}>
        {t("groupPrinters.findLabel")}
      </label>
      <input
        id="printer-filter"
        type="search"
        className={inputClass}
        placeholder={t("groupPrinters.findPlaceholder")}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A checkbox per printer shown; the choice survives filtering. */
function PrinterChecklist(props: {
  printers: PrinterOption[];
  chosen: Set<string>;
  onChosenChange: (chosen: Set<string>) => void;
  filter: string;
  groupName: string;
}) {
  const t = useTranslations("printers");
  const toggle = (id: string, checked: boolean) => {
    const next = new Set(props.chosen);
    if (checked) next.add(id);
    else next.delete(id);
    props.onChosenChange(next);
  };
  return (
    <fieldset className="rounded-lg border border-slate-200">
      <legend className="sr-only">{t("groupPrinters.legend", { group: props.groupName })}</legend>
      {props.printers.length === 0 ? (
        <p className="px-3 py-3 text-sm text-slate-500">
          {t("groupPrinters.noMatch", { filter: props.filter })}
        </p>
      ) : (
        <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto">
          {props.printers.map((p) => (
            <li key={p.id}>
              <label className="flex cursor-pointer items-start gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={props.chosen.has(p.id)}
                  onChange={(e) => toggle(p.id, e.target.checked)}
                />
                <span className="min-w-0">
                  <span className="block font-medium text-slate-900">{p.name}</span>
                  {p.location ? <span className="block text-xs text-slate-500">{p.location}</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

export function UnassignPrinterButton(props: {
  groupId: string;
  groupName: string;
  printer: { id: string; name: string };
}) {
  const t = useTranslations("printers");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        className="text-sm font-medium text-red-700 hover:underline disabled:opacity-50"
        disabled={pending}
        aria-label={t("groupPrinters.unassignAria", { printer: props.printer.name })}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await unassignPrintersFromGroupAction({
              groupId: props.groupId,
              printerIds: [props.printer.id],
            });
            if (!result.ok) {
              setError(result.error);
              return;
            }
            if (result.data.failed.length) {
              setError(result.data.failed[0].error);
              return;
            }
            router.refresh();
          })
        }
      >
        {pending ? t("groupPrinters.removing") : t("groupPrinters.unassign")}
      </button>
      {error ? (
        <span role="alert" className="max-w-xs text-right text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
