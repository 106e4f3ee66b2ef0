// The audit filters as a plain GET form: the URL holds every filter, so a view can be shared.
import Link from "next/link";

import { actionLabel, auditActionOf, familyOf } from "@/lib/audit/actions-catalog";
import { ACTOR_TYPE_LABELS } from "@/lib/audit/components/badges";
import type { AuditQuery } from "@/lib/audit/queries";
import type { ScopeOption } from "@/lib/audit/scope";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";

export interface FilterChoices {
  actions: string[];
  targetTypes: string[];
  actors: { id: string; label: string }[];
  scopes: ScopeOption[];
}

/**
 * The action filter: per family, "every <family> action" (`group.*`) and each action recorded
 * recently (older names folded into the one they became), plus the current choice.
 */
function actionOptions(recorded: string[], current: string | undefined) {
  const names = new Set(recorded.map(auditActionOf));
  if (current && !current.endsWith(".*")) names.add(current);
  const families = new Set([...names].map(familyOf));
  if (current?.endsWith(".*")) families.add(current.slice(0, -2));
  return [...families].sort().map((family) => ({
    family,
    options: [
      { value: `${family}.*`, label: `Every ${family.replace(/_/g, " ")} action` },
      ...[...names]
        .filter((n) => familyOf(n) === family)
        .sort()
        .map((n) => ({ value: n, label: actionLabel(n) })),
    ],
  }));
}

export function AuditFilters({
  query,
  choices,
  split,
  scopeValue,
  filtered,
}: {
  query: AuditQuery;
  choices: FilterChoices;
  split: string;
  scopeValue: string;
  filtered: boolean;
}) {
  const actors =
    query.actor && !choices.actors.some((a) => a.id === query.actor)
      ? [...choices.actors, { id: query.actor, label: query.actor }]
      : choices.actors;
  return (
    <form
      action="/audit"
      className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      role="search"
      aria-label="Filter the audit log"
    >
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="audit-q" className="sr-only">
          Search
        </label>
        <input
          id="audit-q"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder="Search action, target, actor or error"
          className={inputClass}
          maxLength={100}
        />
        <div className="flex gap-2">
          <button type="submit" className={`${buttonClass.primary} flex-1 sm:flex-none`}>
            Apply
          </button>
          {filtered ? (
            <Link
              href={scopeValue ? `/audit?org=${encodeURIComponent(scopeValue)}` : "/audit"}
              className={`${buttonClass.secondary} flex-1 sm:flex-none`}
            >
              Clear
            </Link>
          ) : null}
        </div>
      </div>
      <div className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2 sm:gap-y-3 lg:grid-cols-4">
        {choices.scopes.length > 1 ? (
          <div>
            <label htmlFor="audit-org" className={labelClass}>
              Organization
            </label>
            <select id="audit-org" name="org" defaultValue={scopeValue} className={`${inputClass} mt-1`}>
              {choices.scopes.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {choices.scopes.length <= 1 && scopeValue ? (
          <input type="hidden" name="org" value={scopeValue} />
        ) : null}
        <div>
          <label htmlFor="audit-actor" className={labelClass}>
            Actor
          </label>
          <select
            id="audit-actor"
            name="actor"
            defaultValue={query.actor ?? ""}
            className={`${inputClass} mt-1`}
          >
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-actor-type" className={labelClass}>
            Source
          </label>
          <select
            id="audit-actor-type"
            name="actorType"
            defaultValue={query.actorType ?? ""}
            className={`${inputClass} mt-1`}
          >
            <option value="">All sources</option>
            {Object.entries(ACTOR_TYPE_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action" className={labelClass}>
            Action
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={query.action ?? ""}
            className={`${inputClass} mt-1`}
          >
            <option value="">Any action</option>
            {actionOptions(choices.actions, query.action).map((group) => (
              <optgroup key={group.family} label={group.family}>
                {group.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-outcome" className={labelClass}>
            Outcome
          </label>
          <select
            id="audit-outcome"
            name="outcome"
            defaultValue={query.outcome ?? ""}
            className={`${inputClass} mt-1`}
          >
            <option value="">All outcomes</option>
            <option value="success">Success</option>
            <option value="failure">Failed</option>
            <option value="unknown">Unknown (ezeep may have applied this)</option>
            <option value="pending">Outcome unknown</option>
          </select>
        </div>
        <div>
          <label htmlFor="audit-target-type" className={labelClass}>
            Target type
          </label>
          <input
            id="audit-target-type"
            name="targetType"
            list="audit-target-types"
            defaultValue={query.targetType ?? ""}
            placeholder="e.g. group"
            className={`${inputClass} mt-1`}
            maxLength={50}
          />
          <datalist id="audit-target-types">
            {choices.targetTypes.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="audit-target-id" className={labelClass}>
            Target id
          </label>
          <input
            id="audit-target-id"
            name="targetId"
            defaultValue={query.targetId ?? ""}
            placeholder="ezeep id"
            className={`${inputClass} mt-1`}
            maxLength={100}
          />
        </div>
        <div className="col-span-2 grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="audit-from" className={labelClass}>
              From
            </label>
            <input
              id="audit-from"
              name="from"
              type="date"
              defaultValue={query.from ?? ""}
              className={`${inputClass} mt-1`}
            />
          </div>
          <div>
            <label htmlFor="audit-to" className={labelClass}>
              To
            </label>
            <input
              id="audit-to"
              name="to"
              type="date"
              defaultValue={query.to ?? ""}
              className={`${inputClass} mt-1`}
            />
          </div>
        </div>
      </div>
      {split !== "outcome" ? <input type="hidden" name="split" value={split} /> : null}
    </form>
  );
}
