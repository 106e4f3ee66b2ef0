// The connectors page's filters: one link per connector type (keeping status and search), and a
// search form with a status choice (keeping the type).
import { useTranslations } from "next-intl";
import Link from "next/link";

import { connectorTypeText } from "@/lib/connectors/components/type-label";
import type { ListConnectorsQuery } from "@/lib/connectors/schemas";
import { FilterSelect } from "@/lib/ui/filter-select";
import { SearchForm } from "@/lib/ui/search-form";

/** ezeep reports connector status as ON/OFF; the filter spells them out. */
const STATUS_KEYS = { ON: "list.statusOn", OFF: "list.statusOff" } as const;

function isKnownStatus(status: string): status is keyof typeof STATUS_KEYS {
  return status in STATUS_KEYS;
}

/** The list filtered to `type` ("" = every type), keeping the status and search asked for. */
function typeHref(query: ListConnectorsQuery, type: string): string {
  const next = new URLSearchParams();
  if (type) next.set("type", type);
  if (query.status) next.set("status", query.status);
  if (query.q) next.set("q", query.q);
  const qs = next.toString();
  return qs ? `/connectors?${qs}` : "/connectors";
}

export function ConnectorTypeNav({ types, query }: { types: string[]; query: ListConnectorsQuery }) {
  const t = useTranslations("connectors");
  return (
    <nav aria-label={t("list.types")} className="mb-3 flex flex-wrap gap-2">
      {["", ...types].map((type) => {
        const active = query.type === type;
        return (
          <Link
            key={type || "all"}
            href={typeHref(query, type)}
            aria-current={active ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
              active
                ? "bg-brand-600 text-white ring-brand-600"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            {type ? connectorTypeText(t, type) : t("list.allTypes")}
          </Link>
        );
      })}
    </nav>
  );
}

export function ConnectorSearchForm({ statuses, query }: { statuses: string[]; query: ListConnectorsQuery }) {
  const t = useTranslations("connectors");
  return (
    <SearchForm
      action="/connectors"
      messages="connectors.list"
      fieldId="connector-search"
      q={query.q}
      hidden={{ type: query.type || undefined }}
    >
      <FilterSelect
        id="connector-status"
        name="status"
        label={t("list.status")}
        defaultValue={query.status}
        className="sm:w-40"
        options={[
          { value: "", label: t("list.anyStatus") },
          ...statuses.map((s) => ({ value: s, label: isKnownStatus(s) ? t(STATUS_KEYS[s]) : s })),
        ]}
      />
    </SearchForm>
  );
}
