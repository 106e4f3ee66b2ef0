import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Groups" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const NOTICES: Record<string, (name: string) => string> = {
  deleted: (name) => `Group “${name}” was deleted.`,
};

export default async function GroupsPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("groups.read", "groups");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
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
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
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
        title="Groups"
        description="Groups decide which printers people can use. Members and printers are managed per group."
        actions={
          <>
            <ExportLink kind="groups" filters={new URLSearchParams(hrefFor(1).split("?")[1] ?? "")} />
            {canWrite ? (
              <Link href="/groups/new" className={buttonClass.primary}>
                New group
              </Link>
            ) : null}
          </>
        }
      />
      {notice ? (
        <Notice tone="success">{notice(typeof params.name === "string" ? params.name : "")}</Notice>
      ) : null}
      <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/groups">
        <label htmlFor="group-search" className="sr-only">
          Search groups
        </label>
        <input
          id="group-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="Search by name or description"
          className={inputClass}
        />
        <FilterSelect
          id="group-origin"
          name="origin"
          label="Origin"
          defaultValue={query.origin}
          className="sm:w-44"
          options={[
            { value: "all", label: "All origins" },
            { value: "ezeep", label: "ezeep" },
            { value: "azure", label: "Azure AD" },
          ]}
        />
        <button type="submit" className={buttonClass.secondary}>
          Search
        </button>
      </form>
      {!loaded.ok ? (
        <Notice tone="error">Groups could not be loaded from ezeep. {loaded.error}</Notice>
      ) : null}
      {empty && filtered ? (
        <EmptyState title="No groups match">
          Nothing matches your search.{" "}
          <Link className="font-medium text-brand-700 hover:underline" href="/groups">
            Show all groups
          </Link>
        </EmptyState>
      ) : null}
      {empty && !filtered ? (
        <EmptyState
          title="No groups yet"
          action={
            canWrite ? (
              <Link href="/groups/new" className={buttonClass.primary}>
                Create the first group
              </Link>
            ) : null
          }
        >
          Groups bundle users so you can give them printers together.
        </EmptyState>
      ) : null}
      {loaded.ok && loaded.data.total > 0 ? (
        <Card className="overflow-hidden">
          <table className="w-full text-left text-sm">
            <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Name
                </th>
                <th scope="col" className="px-4 py-3">
                  Origin
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Members
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Printers
                </th>
                {canWrite ? (
                  <th scope="col" className="px-4 py-3 text-right">
                    <span className="sr-only">Actions</span>
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
                    <span className="sm:hidden">Members </span>
                    {group.members}
                  </td>
                  <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
                    <span className="sm:hidden">Printers </span>
                    {group.printers}
                  </td>
                  {canWrite ? (
                    <td className="ml-auto sm:px-4 sm:py-3 sm:text-right">
                      <div className="flex gap-3 sm:justify-end">
                        <Link
                          href={`/groups/${group.id}/edit`}
                          className="text-sm font-medium text-brand-700 hover:underline"
                          aria-label={`Edit ${group.name}`}
                        >
                          Edit
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
            noun="groups"
            hrefFor={hrefFor}
          />
        </Card>
      ) : null}
    </>
  );
}
