import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";

import { ExportLink } from "@/lib/exports/components/export-link";
import { EmptyState, Notice, PageHeader, Pagination } from "@/lib/ui/components";
import { FilterSelect } from "@/lib/ui/filter-select";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";
import { UserTable } from "@/lib/users/components/user-table";
import { listUsersSchema, type ListUsersQuery } from "@/lib/users/schemas";
import { listUsers } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.list");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

type ListT = Awaited<ReturnType<typeof getTranslations<"users.list">>>;

function deletedNotice(t: ListT, name: string): string {
  return name ? t("deletedNotice", { name }) : t("deletedNoticeNoName");
}

function sortLabels(t: ListT): Record<ListUsersQuery["sort"], string> {
  return {
    name: t("sortName"),
    email: t("sortEmail"),
    role: t("sortRole"),
    groups: t("sortGroups"),
    joined: t("sortJoined"),
  };
}

function timeOf(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    timeStyle: "medium",
    timeZone: "UTC",
  }).format(date);
}

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const tAccess = await getTranslations("users.access");
  const guard = await requirePageContext("users.read", tAccess("users"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("users.list");
  const locale = await getLocale();
  const params = await searchParams;
  const str = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const query = listUsersSchema.parse({
    q: str("q"),
    group: str("group"),
    role: str("role"),
    status: str("status"),
    sort: str("sort"),
    dir: str("dir"),
    page: str("page"),
  });
  const loaded = await tryLoad(() => listUsers(ctx.current, query, { refresh: str("refresh") === "1" }));
  const notice = str("notice") === "deleted" ? deletedNotice(t, str("name") ?? "") : undefined;
  const filtered = Boolean(query.q || query.group || query.role !== "all" || query.status !== "all");
  const empty = loaded.ok && loaded.data.total === 0;
  const hrefWith = (change: Partial<Record<keyof ListUsersQuery, string | number>>) => {
    const next = new URLSearchParams();
    const merged = { ...query, ...change };
    if (merged.q) next.set("q", String(merged.q));
    if (merged.group) next.set("group", String(merged.group));
    if (merged.role !== "all") next.set("role", String(merged.role));
    if (merged.status !== "all") next.set("status", String(merged.status));
    if (merged.sort !== "name") next.set("sort", String(merged.sort));
    if (merged.dir !== "asc") next.set("dir", String(merged.dir));
    if (Number(merged.page) > 1) next.set("page", String(merged.page));
    const qs = next.toString();
    return qs ? `/users?${qs}` : "/users";
  };
  const sortHeader = (sort: ListUsersQuery["sort"], label: string, className = "") => {
    const active = query.sort === sort;
    const dir = active && query.dir === "asc" ? "desc" : "asc";
    const sortOrder = query.dir === "asc" ? "ascending" : "descending";
    return (
      <th scope="col" className={`px-4 py-3 ${className}`} aria-sort={active ? sortOrder : undefined}>
        {/* At phone width the header is only for screen readers: sorting is the "Sort" filter there. */}
        <span className="sm:hidden">{label}</span>
        <Link
          href={hrefWith({ sort, dir, page: 1 })}
          className="hidden items-center gap-1 hover:text-slate-800 sm:inline-flex"
        >
          {label}
          <span aria-hidden className={active ? "text-slate-700" : "text-slate-500"}>
            {active && query.dir === "desc" ? "↓" : "↑"}
          </span>
        </Link>
      </th>
    );
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={
          loaded.ok
            ? t("description", {
                count: loaded.data.organizationUsers,
                organization: ctx.current.organization.name,
              })
            : t("descriptionUnavailable")
        }
        actions={
          <>
            <ExportLink
              kind="users"
              filters={new URLSearchParams(hrefWith({ page: 1 }).split("?")[1] ?? "")}
            />
            {ctx.can("invitations.write") ? (
              <Link href="/invitations" className={buttonClass.primary}>
                {t("invite")}
              </Link>
            ) : null}
          </>
        }
      />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <form
        role="search"
        className="mb-4 grid grid-cols-2 gap-2 lg:grid-cols-[minmax(0,2fr)_repeat(4,minmax(0,1fr))_auto]"
        action="/users"
      >
        <div className="col-span-2 lg:col-span-1">
          <label htmlFor="user-search" className="sr-only">
            {t("searchLabel")}
          </label>
          <input
            id="user-search"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t("searchPlaceholder")}
            className={inputClass}
          />
        </div>
        <div>
          <FilterSelect
            id="user-group"
            name="group"
            label={t("groupFilter")}
            defaultValue={query.group}
            options={[
              { value: "", label: t("allGroups") },
              ...(loaded.ok ? loaded.data.groups.map((g) => ({ value: g.id, label: g.name })) : []),
            ]}
          />
        </div>
        <div>
          <FilterSelect
            id="user-role"
            name="role"
            label={t("roleFilter")}
            defaultValue={query.role}
            options={[
              { value: "all", label: t("allRoles") },
              { value: "admin", label: t("admins") },
              { value: "user", label: t("users") },
            ]}
          />
        </div>
        <div>
          <FilterSelect
            id="user-status"
            name="status"
            label={t("statusFilter")}
            defaultValue={query.status}
            options={[
              { value: "all", label: t("allStatuses") },
              { value: "active", label: t("active") },
              { value: "invited", label: t("invited") },
            ]}
          />
        </div>
        <div>
          <FilterSelect
            id="user-sort"
            name="sort"
            label={t("sortFilter")}
            defaultValue={query.sort}
            options={Object.entries(sortLabels(t)).map(([value, label]) => ({
              value,
              label: t("sortOption", { label }),
            }))}
          />
          {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        </div>
        <button type="submit" className={`${buttonClass.secondary} col-span-2 lg:col-span-1`}>
          {t("search")}
        </button>
      </form>
      {!loaded.ok ? <Notice tone="error">{t("loadFailed", { error: loaded.error })}</Notice> : null}
      {empty && filtered ? (
        <EmptyState title={t("noMatchTitle")}>
          {t("noMatchText")}{" "}
          <Link className="font-medium text-brand-700 hover:underline" href="/users">
            {t("showEveryone")}
          </Link>
        </EmptyState>
      ) : null}
      {empty && !filtered ? <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState> : null}
      {loaded.ok && loaded.data.total > 0 ? (
        <UserTable
          users={loaded.data.items}
          groups={loaded.data.groups}
          canManageMemberships={ctx.can("memberships.write")}
          header={
            <>
              {sortHeader("name", t("columnName"))}
              {sortHeader("role", t("columnRole"))}
              {sortHeader("groups", t("columnGroups"))}
            </>
          }
          footer={
            <Pagination
              page={loaded.data.page}
              pageCount={loaded.data.pageCount}
              total={loaded.data.total}
              noun={loaded.data.total === 1 ? t("nounOne") : t("nounOther")}
              hrefFor={(page) => hrefWith({ page })}
            />
          }
        />
      ) : null}
      {loaded.ok ? (
        <p className="mt-3 text-xs text-slate-500">
          {t("asOf", { time: timeOf(loaded.data.asOf, locale) })}{" "}
          <Link
            href={`${hrefWith({})}${hrefWith({}).includes("?") ? "&" : "?"}refresh=1`}
            className="font-medium text-brand-700 hover:underline"
            prefetch={false}
          >
            {t("refreshNow")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
