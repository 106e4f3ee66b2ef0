import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { ExportLink } from "@/lib/exports/components/export-link";
import { DeleteGroupButton } from "@/lib/groups/components/delete-group-button";
import { OriginBadge } from "@/lib/groups/components/origin-badge";
import { listGroupsSchema } from "@/lib/groups/schemas";
import { listGroups } from "@/lib/groups/service";
import { Card, EmptyState, Notice, PageHeader, Pagination } from "@/lib/ui/components";
import { FilterSelect } from "@/lib/ui/filter-select";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.list");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function GroupsPage({ searchParams }: { searchParams: SearchParams }) {
  const tAccess = await getTranslations("groups.access");
  const guard = await requirePageContext("groups.read", tAccess("groups"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("groups.list");
  const tOrigin = await getTranslations("groups.origin");
  const params = await searchParams;
  const query = listGroupsSchema.parse({
    q: typeof params.q === "string" ? params.q : undefined,
    page: typeof params.page === "string" ? params.page : undefined,
    origin: params.origin === "ezeep" || params.origin === "azure" ? params.origin : undefined,
  });
  const canWrite = ctx.can("groups.write");
  const loaded = await tryLoad(() => listGroups(ctx.current, query));
  const filtered = Boolean(query.q || query.origin !== "all");
  const empty = loaded.ok && loaded.data.total === 0;
  const deletedName = params.notice === "deleted" && typeof params.name === "string" ? params.name : null;
  const hrefFor = (page: number) => {
    const next = new URLSearchParams();
    if (query.q) next.set("q", query.q);
    if (query.origin !== "all") next.set("origin", query.origin);
    next.set("page", String(page));
    return `/groups?${next}`;
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <ExportLink kind="groups" filters={new URLSearchParams(hrefFor(1).split("?")[1] ?? "")} />
            {canWrite ? (
              <Link href="/groups/new" className={buttonClass.primary}>
                {t("newGroup")}
              </Link>
            ) : null}
          </>
        }
      />
      {deletedName !== null ? (
        <Notice tone="success">{t("deletedNotice", { name: deletedName })}</Notice>
      ) : null}
      <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/groups">
        <label htmlFor="group-search" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="group-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder={t("searchPlaceholder")}
          className={inputClass}
        />
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
        <button type="submit" className={buttonClass.secondary}>
          {t("search")}
        </button>
      </form>
      {!loaded.ok ? <Notice tone="error">{t("loadFailed", { error: loaded.error })}</Notice> : null}
      {empty && filtered ? (
        <EmptyState title={t("noMatchTitle")}>
          {t("noMatchText")}{" "}
          <Link className="font-medium text-brand-700 hover:underline" href="/groups">
            {t("showAll")}
          </Link>
        </EmptyState>
      ) : null}
      {empty && !filtered ? (
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
      ) : null}
      {loaded.ok && loaded.data.total > 0 ? (
        <Card className="overflow-hidden">
          <table className="w-full text-left text-sm">
            <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t("columnName")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("columnOrigin")}
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  {t("columnMembers")}
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  {t("columnPrinters")}
                </th>
                {canWrite ? (
                  <th scope="col" className="px-4 py-3 text-right">
                    <span className="sr-only">{t("columnActions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {loaded.data.items.map((group) => (
                <tr
                  key={group.id}
                  className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-3 text-sm hover:bg-slate-50 sm:table-row sm:px-0 sm:py-0"
                >
                  <td className="w-full sm:w-auto sm:px-4 sm:py-3">
                    <Link
                      href={`/groups/${group.id}`}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {group.name}
                    </Link>
                    {group.description ? (
                      <p className="mt-0.5 line-clamp-1 text-slate-500">{group.description}</p>
                    ) : null}
                  </td>
                  <td className="sm:px-4 sm:py-3">
                    <OriginBadge group={group} />
                  </td>
                  <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
                    <span className="sm:hidden">{t("membersInline")} </span>
                    {group.members}
                  </td>
                  <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
                    <span className="sm:hidden">{t("printersInline")} </span>
                    {group.printers}
                  </td>
                  {canWrite ? (
                    <td className="ml-auto sm:px-4 sm:py-3 sm:text-right">
                      <div className="flex gap-3 sm:justify-end">
                        <Link
                          href={`/groups/${group.id}/edit`}
                          className="text-sm font-medium text-brand-700 hover:underline"
                          aria-label={t("editLabel", { name: group.name })}
                        >
                          {t("edit")}
                        </Link>
                        <DeleteGroupButton group={group} variant="link" />
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            page={loaded.data.page}
            pageCount={loaded.data.pageCount}
            total={loaded.data.total}
            noun={loaded.data.total === 1 ? t("nounOne") : t("nounOther")}
            hrefFor={hrefFor}
          />
        </Card>
      ) : null}
    </>
  );
}
