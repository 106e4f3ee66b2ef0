// The users list page's sections (app/(portal)/users/page.tsx): header, sortable column headers,
// empty states, the table with its pagination, and the "as of" line with a refresh link.
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";

import { ExportLink } from "@/lib/exports/components/export-link";
import { EmptyState, PageHeader, Pagination } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";
import { UserTable } from "@/lib/users/components/user-table";
import { usersListHref, usersRefreshHref } from "@/lib/users/list-href";
import type { ListUsersQuery } from "@/lib/users/schemas";
import type { UserPage } from "@/lib/users/service";

export async function UsersListHeader(props: {
  query: ListUsersQuery;
  /** The organization's user count and name, or null when the list could not be loaded. */
  summary: { count: number; organization: string } | null;
  canInvite: boolean;
}) {
  const t = await getTranslations("users.list");
  const exportFilters = new URLSearchParams(usersListHref(props.query, { page: 1 }).split("?")[1] ?? "");
  return (
    <PageHeader
      title={t("title")}
      description={props.summary ? t("description", props.summary) : t("descriptionUnavailable")}
      actions={
        <>
          <ExportLink kind="users" filters={exportFilters} />
          {props.canInvite ? (
            <Link href="/invitations" className={buttonClass.primary}>
              {t("invite")}
            </Link>
          ) : null}
        </>
      }
    />
  );
}

/** A column header that sorts by its column (and flips the direction when it already does). */
function SortHeader(props: { query: ListUsersQuery; sort: ListUsersQuery["sort"]; label: string }) {
  const { query, sort, label } = props;
  const active = query.sort === sort;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  const sortOrder = query.dir === "asc" ? "ascending" : "descending";
  return (
    <th scope="col" className="px-4 py-3" aria-sort={active ? sortOrder : undefined}>
      {/* At phone width the header is only for screen readers: sorting is the "Sort" filter there. */}
      <span className="sm:hidden">{label}</span>
      <Link
        href={usersListHref(query, { sort, dir, page: 1 })}
        className="hidden items-center gap-1 hover:text-slate-800 sm:inline-flex"
      >
        {label}
        <span aria-hidden className={active ? "text-slate-700" : "text-slate-500"}>
          {active && query.dir === "desc" ? "↓" : "↑"}
        </span>
      </Link>
    </th>
  );
}

/** No users: either none match the filters (with a way back to everyone) or there are none at all. */
export async function UsersEmpty({ filtered }: { filtered: boolean }) {
  const t = await getTranslations("users.list");
  if (!filtered) return <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>;
  return (
    <EmptyState title={t("noMatchTitle")}>
      {t("noMatchText")}{" "}
      <Link className="font-medium text-brand-700 hover:underline" href="/users">
        {t("showEveryone")}
      </Link>
    </EmptyState>
  );
}

export async function UsersResults(props: {
  page: UserPage;
  query: ListUsersQuery;
  canManageMemberships: boolean;
}) {
  const t = await getTranslations("users.list");
  const { page, query } = props;
  return (
    <UserTable
      users={page.items}
      groups={page.groups}
      canManageMemberships={props.canManageMemberships}
      header={
        <>
          <SortHeader query={query} sort="name" label={t("columnName")} />
          <SortHeader query={query} sort="role" label={t("columnRole")} />
          <SortHeader query={query} sort="groups" label={t("columnGroups")} />
        </>
      }
      footer={
        <Pagination
          page={page.page}
          pageCount={page.pageCount}
          total={page.total}
          noun={page.total === 1 ? t("nounOne") : t("nounOther")}
          hrefFor={(n) => usersListHref(query, { page: n })}
        />
      }
    />
  );
}

function timeOf(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    timeStyle: "medium",
    timeZone: "UTC",
  }).format(date);
}

/** When the list was read from ezeep, and a link to read it again. */
export async function UsersAsOf(props: { asOf: Date; query: ListUsersQuery }) {
  const t = await getTranslations("users.list");
  const locale = await getLocale();
  return (
    <p className="mt-3 text-xs text-slate-500">
      {t("asOf", { time: timeOf(props.asOf, locale) })}{" "}
      <Link
        href={usersRefreshHref(props.query)}
        className="font-medium text-brand-700 hover:underline"
        prefetch={false}
      >
        {t("refreshNow")}
      </Link>
    </p>
  );
}
