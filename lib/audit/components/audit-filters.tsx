// The audit filters as a plain GET form: the URL holds every filter, so a view can be shared.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { auditActionOf, familyOf } from "@/lib/audit/actions-catalog";
import { ACTOR_TYPES, OUTCOMES } from "@/lib/audit/components/badges";
import { localActionLabel, type AuditTranslator } from "@/lib/audit/i18n";
import type { AuditQuery } from "@/lib/audit/queries";
import type { ScopeOption } from "@/lib/audit/scope";
import { FilterSelect, type FilterOptionGroup } from "@/lib/ui/filter-select";
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
function actionGroups(
  t: AuditTranslator,
  recorded: string[],
  current: string | undefined,
): FilterOptionGroup[] {
  const names = new Set(recorded.map(auditActionOf));
  if (current && !current.endsWith(".*")) names.add(current);
  const families = new Set([...names].map(familyOf));
  if (current?.endsWith(".*")) families.add(current.slice(0, -2));
  return [...families].sort().map((family) => ({
    label: family,
    options: [
      { value: `${family}.*`, label: t("filters.everyFamily", { family: family.replace(/_/g, " ") }) },
      ...[...names]
        .filter((n) => familyOf(n) === family)
        .sort()
        .map((n) => ({ value: n, label: localActionLabel(t, n) })),
    ],
  }));
}

const selectClass = "mt-1";

/** The free-text search with Apply and, when any filter is set, Clear (which keeps the scope). */
function SearchRow(props: { query: AuditQuery; filtered: boolean; scopeValue: string }) {
  const t = useTranslations("audit");
  const { scopeValue } = props;
  return (
    <div className="flex flex-col gap-2 sm:flex-row">
      <label htmlFor="audit-q" className="sr-only">
        {t("filters.search")}
      </label>
      <input
        id="audit-q"
        name="q"
        type="search"
        defaultValue={props.query.q ?? ""}
        placeholder={t("filters.searchPlaceholder")}
        className={inputClass}
        maxLength={100}
      />
      <div className="flex gap-2">
        <button type="submit" className={`${buttonClass.primary} flex-1 sm:flex-none`}>
          {t("filters.apply")}
        </button>
        {props.filtered ? (
          <Link
            href={scopeValue ? `/audit?org=${encodeURIComponent(scopeValue)}` : "/audit"}
            className={`${buttonClass.secondary} flex-1 sm:flex-none`}
          >
            {t("filters.clear")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

/** The organization choice when there are several; otherwise the one scope rides along hidden. */
function ScopeField(props: { scopes: ScopeOption[]; scopeValue: string }) {
  const t = useTranslations("audit");
  const { scopes, scopeValue } = props;
  return (
    <>
      {scopes.length > 1 ? (
        <div>
          <FilterSelect
            id="audit-org"
            name="org"
            label={t("filters.organization")}
            labelClassName={labelClass}
            className={selectClass}
            defaultValue={scopeValue}
            options={scopes}
          />
        </div>
      ) : null}
      {scopes.length <= 1 && scopeValue ? <input type="hidden" name="org" value={scopeValue} /> : null}
    </>
  );
}

/** Who acted: one admin (the current choice kept even when no longer listed) and the source. */
function ActorFields(props: { query: AuditQuery; actors: FilterChoices["actors"] }) {
  const t = useTranslations("audit");
  const { query } = props;
  const actors =
    query.actor && !props.actors.some((a) => a.id === query.actor)
      ? [...props.actors, { id: query.actor, label: query.actor }]
      : props.actors;
  return (
    <>
      <div>
        <FilterSelect
          id="audit-actor"
          name="actor"
          label={t("filters.actor")}
          labelClassName={labelClass}
          className={selectClass}
          defaultValue={query.actor ?? ""}
          options={[
            { value: "", label: t("filters.anyone") },
            ...actors.map((a) => ({ value: a.id, label: a.label })),
          ]}
        />
      </div>
      <div>
        <FilterSelect
          id="audit-actor-type"
          name="actorType"
          label={t("filters.source")}
          labelClassName={labelClass}
          className={selectClass}
          defaultValue={query.actorType ?? ""}
          options={[
            { value: "", label: t("filters.allSources") },
            ...ACTOR_TYPES.map((type) => ({ value: type, label: t(`actor.${type}.label`) })),
          ]}
        />
      </div>
    </>
  );
}

/** What was done: the action (by family) and its outcome. */
function ActionFields(props: { query: AuditQuery; recordedActions: string[] }) {
  const t = useTranslations("audit");
  const { query } = props;
  const outcomeLabel = (o: (typeof OUTCOMES)[number]) =>
    o === "unknown" ? t("filters.outcomeUnknown") : t(`outcome.${o}.label`);
  return (
    <>
      <div>
        <FilterSelect
          id="audit-action"
          name="action"
          label={t("filters.action")}
          labelClassName={labelClass}
          className={selectClass}
          defaultValue={query.action ?? ""}
          options={[{ value: "", label: t("filters.anyAction") }]}
          groups={actionGroups(t, props.recordedActions, query.action)}
        />
      </div>
      <div>
        <FilterSelect
          id="audit-outcome"
          name="outcome"
          label={t("filters.outcome")}
          labelClassName={labelClass}
          className={selectClass}
          defaultValue={query.outcome ?? ""}
          options={[
            { value: "", label: t("filters.allOutcomes") },
            ...OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) })),
          ]}
        />
      </div>
    </>
  );
}

/** What it was done to: the target's type (suggesting those recorded) and id. */
function TargetFields(props: { query: AuditQuery; targetTypes: string[] }) {
  const t = useTranslations("audit");
  const { query } = props;
  return (
    <>
      <div>
        <label htmlFor="audit-target-type" className={labelClass}>
          {t("filters.targetType")}
        </label>
        <input
          id="audit-target-type"
          name="targetType"
          list="audit-target-types"
          defaultValue={query.targetType ?? ""}
          placeholder={t("filters.targetTypePlaceholder")}
          className={`${inputClass} mt-1`}
          maxLength={50}
        />
        <datalist id="audit-target-types">
          {props.targetTypes.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="audit-target-id" className={labelClass}>
          {t("filters.targetId")}
        </label>
        <input
          id="audit-target-id"
          name="targetId"
          defaultValue={query.targetId ?? ""}
          placeholder={t("filters.targetIdPlaceholder")}
          className={`${inputClass} mt-1`}
          maxLength={100}
        />
      </div>
    </>
  );
}

/** When: the first and last day (inclusive). */
function DateRangeFields({ query }: { query: AuditQuery }) {
  const t = useTranslations("audit");
  return (
    <div className="col-span-2 grid grid-cols-2 gap-3">
      <div>
        <label htmlFor="audit-from" className={labelClass}>
          {t("filters.from")}
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
          {t("filters.to")}
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
  );
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
  const t = useTranslations("audit");
  return (
    <form
      action="/audit"
      className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      role="search"
      aria-label={t("filters.aria")}
    >
      <SearchRow query={query} filtered={filtered} scopeValue={scopeValue} />
      <div className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2 sm:gap-y-3 lg:grid-cols-4">
        <ScopeField scopes={choices.scopes} scopeValue={scopeValue} />
        <ActorFields query={query} actors={choices.actors} />
        <ActionFields query={query} recordedActions={choices.actions} />
        <TargetFields query={query} targetTypes={choices.targetTypes} />
        <DateRangeFields query={query} />
      </div>
      {split !== "outcome" ? <input type="hidden" name="split" value={split} /> : null}
    </form>
  );
}
