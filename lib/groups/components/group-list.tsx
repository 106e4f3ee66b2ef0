// The sections of the groups list page: its header (export, new group, the "deleted" notice), the
// search and origin filter, and the results (an error, an empty state, or the table).
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { ActionResult } from "@/lib/auth/action";
import { ExportLink } from "@/lib/exports/components/export-link";
import { GroupTable } from "@/lib/groups/components/group-table";
import type { ListGroupsQuery } from "@/lib/groups/schemas";
import type { GroupPage } from "@/lib/groups/service";
import { EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { FilterSelect } from "@/lib/ui/filter-select";
import { SearchForm } from "@/lib/ui/search-form";
import { buttonClass } from "@/lib/ui/styles";

/** The list's filters as URL parameters (for the pagination links and the export). */
export function groupListFilters(query: ListGroupsQuery): URLSearchParams {
  const filters = new URLSearchParams();
  if (query.q) filters.set("q", query.q);
  if (query.origin !== "all") filters.set("origin", query.origin);
  return filters;
}

export function GroupListHeader(props: {
  canWrite: boolean;
  filters: URLSearchParams;
  deletedName: string | null;
}) {
  const t = useTranslations("groups.list");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <ExportLink kind="groups" filters={props.filters} />
            {props.canWrite ? (
              <Link href="/groups/new" className={buttonClass.primary}>
                {t("newGroup")}
              </Link>
            ) : null}
          </>
        }
      />
      {props.deletedName !== null ? (
        <Notice tone="success">{t("deletedNotice", { name: props.deletedName })}</Notice>
      ) : null}
    </>
  );
}

export function GroupSearchForm({ query }: { query: ListGroupsQuery }) {
  const t = useTranslations("groups.list");
  const tOrigin = useTranslations("groups.origin");
  return (
    <SearchForm action="/groups" messages="groups.list" fieldId="group-search" q={query.q}>
      <FilterSelect
        id="group-origin"
        name="origin"
        label={t("originFilter")}
        defaultValue={query.origin}
        className="sm:w-44"
        options={[
          { value: "all", label: t("allOrigins") },
          { value: "ezeep", label: "ezeep" },
          { value: "azure", label: tOrigin("azureAd") },
        ]}
      />
    </SearchForm>
  );
}

export function GroupListResults(props: {
  loaded: ActionResult<GroupPage>;
  filtered: boolean;
  canWrite: boolean;
  hrefFor: (page: number) => string;
}) {
  const t = useTranslations("groups.list");
  const { loaded } = props;
  if (!loaded.ok) return <Notice tone="error">{t("loadFailed", { error: loaded.error })}</Notice>;
  if (loaded.data.total === 0) return <NoGroups filtered={props.filtered} canWrite={props.canWrite} />;
  return <GroupTable page={loaded.data} canWrite={props.canWrite} hrefFor={props.hrefFor} />;
}

/** The empty list: nothing matches the filter, or the organization has no group yet. */
function NoGroups({ filtered, canWrite }: { filtered: boolean; canWrite: boolean }) {
  const t = useTranslations("groups.list");
  if (filtered)
    return (
      <EmptyState title={t("noMatchTitle")}>
        {t("noMatchText")}{" "}
        <Link className="font-medium text-brand-700 hover:underline" href="/groups">
          {t("showAll")}
        </Link>
      </EmptyState>
    );
  return (
    <EmptyState
      title={t("emptyTitle")}
      action={
        canWrite ? (
          <Link href="/groups/new" className={buttonClass.primary}>
            {t("createFirst")}
          </Link>
        ) : null
      }
    >
      {t("emptyText")}
    </EmptyState>
  );
}
