"use client";

// Create or edit a domain rule: domain pattern, groups, optional "only users who join after";
// "Preview" shows which existing users match before anything is saved.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";

import {
  createDomainRuleAction,
  previewDomainRuleAction,
  updateDomainRuleAction,
} from "@/lib/domain-rules/actions";
import { PreviewTable } from "@/lib/domain-rules/components/preview-table";
import type { RulePreview } from "@/lib/domain-rules/service";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";

export interface RuleEditorProps {
  groups: { id: string; name: string }[];
  rule?: { id: string; pattern: string; groupIds: string[]; joinedAfter: string | null };
}

export function RuleEditor({ groups, rule }: RuleEditorProps) {
  const router = useRouter();
  const [pattern, setPattern] = useState(rule?.pattern ?? "");
  const [chosen, setChosen] = useState<Set<string>>(new Set(rule?.groupIds ?? []));
  const [joinedAfter, setJoinedAfter] = useState(rule?.joinedAfter ?? "");
  const [filter, setFilter] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [pending, startTransition] = useTransition();
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return groups.filter((g) => chosen.has(g.id) || !needle || g.name.toLowerCase().includes(needle));
  }, [filter, groups, chosen]);
  const input = { pattern, groupIds: [...chosen], joinedAfter };

  const run = (kind: "preview" | "save") =>
    startTransition(async () => {
      setError(null);
      setFieldErrors({});
      if (kind === "preview") {
        const result = await previewDomainRuleAction(input);
        if (result.ok) setPreview(result.data);
        else {
          setError(result.error);
          setFieldErrors(result.fieldErrors ?? {});
        }
        return;
      }
      const result = rule
        ? await updateDomainRuleAction({ ...input, id: rule.id })
        : await createDomainRuleAction(input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      router.push(`/domains/${result.data.id}?notice=${rule ? "updated" : "created"}`);
      router.refresh();
    });

  return (
    <form
      className={`${cardClass} space-y-5 p-5`}
      onSubmit={(event) => {
        event.preventDefault();
        run("save");
      }}
      onChange={() => setPreview(null)}
    >
      <FormAlert message={error} />
      <div className="space-y-1.5">
        <label htmlFor="pattern" className={labelClass}>
          E-mail domain
        </label>
        <input
          id="pattern"
          name="pattern"
          required
          value={pattern}
          onChange={(e) => setPattern(e.target.value)}
          placeholder="acme.example or *.acme.example"
          aria-invalid={fieldErrors.pattern ? true : undefined}
          aria-describedby="pattern-help"
          className={inputClass}
        />
        <p id="pattern-help" className="text-xs text-slate-500">
          <code>acme.example</code> matches addresses at exactly that domain; <code>*.acme.example</code>{" "}
          matches its subdomains (eu.acme.example), not acme.example itself.
        </p>
      </div>
      <fieldset className="space-y-2">
        <legend className={labelClass}>Groups to add ({chosen.size} chosen)</legend>
        <input
          type="search"
          aria-label="Filter groups"
          placeholder="Filter groups"
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
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(g.id);
                  else next.delete(g.id);
                  setChosen(next);
                }}
              />
              {g.name}
            </label>
          ))}
          {visible.length === 0 ? (
            <p className="px-2 py-1 text-sm text-slate-500">No group matches.</p>
          ) : null}
        </div>
        <p className="text-xs text-slate-500">Rules only add groups; nobody is ever removed from a group.</p>
      </fieldset>
      <div className="space-y-1.5">
        <label htmlFor="joinedAfter" className={labelClass}>
          Only users who join after (optional)
        </label>
        <input
          id="joinedAfter"
          name="joinedAfter"
          type="date"
          value={joinedAfter}
          onChange={(e) => setJoinedAfter(e.target.value)}
          aria-invalid={fieldErrors.joinedAfter ? true : undefined}
          className={`${inputClass} sm:max-w-xs`}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={pending}
          onClick={() => run("preview")}
        >
          {pending ? "Working…" : "Preview"}
        </button>
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {rule ? "Save changes" : "Save rule"}
        </button>
      </div>
      {preview ? <PreviewTable preview={preview} /> : null}
    </form>
  );
}
