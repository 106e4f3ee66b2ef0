"use client";

// Create or edit a domain rule: domain pattern, groups, optional "only users who join after";
// "Preview" shows which existing users match before anything is saved.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";

import {
  createDomainRuleAction,
  previewDomainRuleAction,
  updateDomainRuleAction,
} from "@/lib/domain-rules/actions";
import { PreviewTable } from "@/lib/domain-rules/components/preview-table";
import type { RulePreview } from "@/lib/domain-rules/service";
import { FieldError, FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm, type ActionForm } from "@/lib/ui/use-action-form";

export interface RuleEditorProps {
  groups: { id: string; name: string }[];
  rule?: { id: string; pattern: string; groupIds: string[]; joinedAfter: string | null };
}

/** The domain pattern, with help on wildcards and its error. */
function PatternField(props: { form: ActionForm; value: string; onChange: (value: string) => void }) {
  const t = useTranslations("domains.editor");
  const { form } = props;
  return (
    <div className="space-y-1.5">
      <label htmlFor="pattern" className={labelClass}>
        {t("domain")}
      </label>
      <input
        id="pattern"
        name="pattern"
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={t("domainPlaceholder")}
        {...form.fieldProps("pattern", "pattern-help")}
        className={inputClass}
      />
      <p id="pattern-help" className="text-xs text-slate-500">
        {t.rich("domainHelp", { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <FieldError name="pattern" messages={form.fieldErrors.pattern} />
    </div>
  );
}

/** The groups to add, as checkboxes with a name filter (chosen groups always stay visible). */
function GroupChooser(props: {
  groups: RuleEditorProps["groups"];
  chosen: Set<string>;
  onChange: (chosen: Set<string>) => void;
}) {
  const t = useTranslations("domains.editor");
  const { groups, chosen } = props;
  const [filter, setFilter] = useState("");
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return groups.filter((g) => chosen.has(g.id) || !needle || g.name.toLowerCase().includes(needle));
  }, [filter, groups, chosen]);
  const toggle = (id: string, checked: boolean) => {
    const next = new Set(chosen);
    if (checked) next.add(id);
    else next.delete(id);
    props.onChange(next);
  };
  return (
    <fieldset className="space-y-2">
      <legend className={labelClass}>{t("groups", { count: chosen.size })}</legend>
      <input
        type="search"
        aria-label={t("filter")}
        placeholder={t("filter")}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className={inputClass}
      />
      <div className="max-h-56 overflow-y-auto rounded-lg border border-slate-200 p-2">
        {visible.map((g) => (
          <label key={g.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
            <input
              type="checkbox"
              checked={chosen.has(g.id)}
              onChange={(e) => toggle(g.id, e.target.checked)}
            />
            {g.name}
          </label>
        ))}
        {visible.length === 0 ? <p className="px-2 py-1 text-sm text-slate-500">{t("noMatch")}</p> : null}
      </div>
      <p className="text-xs text-slate-500">{t("onlyAdd")}</p>
    </fieldset>
  );
}

/** "Only users who joined after": an optional date. */
function JoinedAfterField(props: { form: ActionForm; value: string; onChange: (value: string) => void }) {
  const t = useTranslations("domains.editor");
  const { form } = props;
  return (
    <div className="space-y-1.5">
      <label htmlFor="joinedAfter" className={labelClass}>
        {t("joinedAfter")}
      </label>
      <input
        id="joinedAfter"
        name="joinedAfter"
        type="date"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...form.fieldProps("joinedAfter")}
        className={`${inputClass} sm:max-w-xs`}
      />
      <FieldError name="joinedAfter" messages={form.fieldErrors.joinedAfter} />
    </div>
  );
}

export function RuleEditor({ groups, rule }: RuleEditorProps) {
  const t = useTranslations("domains.editor");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  const [pattern, setPattern] = useState(rule?.pattern ?? "");
  const [chosen, setChosen] = useState<Set<string>>(new Set(rule?.groupIds ?? []));
  const [joinedAfter, setJoinedAfter] = useState(rule?.joinedAfter ?? "");
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const input = { pattern, groupIds: [...chosen], joinedAfter };

  const showPreview = () => form.run(() => previewDomainRuleAction(input), setPreview);
  const save = () =>
    form.run(
      () => (rule ? updateDomainRuleAction({ ...input, id: rule.id }) : createDomainRuleAction(input)),
      (data) => {
        router.push(`/domains/${data.id}?notice=${rule ? "updated" : "created"}`);
        router.refresh();
      },
    );

  return (
    <form
      className={`${cardClass} space-y-5 p-5`}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onChange={() => setPreview(null)}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <PatternField form={form} value={pattern} onChange={setPattern} />
      <GroupChooser groups={groups} chosen={chosen} onChange={setChosen} />
      <JoinedAfterField form={form} value={joinedAfter} onChange={setJoinedAfter} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.secondary} disabled={pending} onClick={showPreview}>
          {pending ? t("working") : t("preview")}
        </button>
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {rule ? t("saveChanges") : t("saveRule")}
        </button>
      </div>
      {preview ? <PreviewTable preview={preview} /> : null}
    </form>
  );
}
