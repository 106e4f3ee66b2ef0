// The groups list's table: one row per group (name, origin, counts, Edit/Delete for those who may
// change groups). Stacks into cards below the `sm` breakpoint.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { DeleteGroupButton } from "@/lib/groups/components/delete-group-button";
import { OriginBadge } from "@/lib/groups/components/origin-badge";
import type { GroupPage, GroupView } from "@/lib/groups/service";
import { Card, Pagination } from "@/lib/ui/components";

export function GroupTable(props: { page: GroupPage; canWrite: boolean; hrefFor: (page: number) => string }) {
  const t = useTranslations("groups.list");
  const { page, canWrite } = props;
  return (
    <Card className="overflow-hidden">
      <table className="w-full text-left text-sm">
        <GroupTableHead canWrite={canWrite} />
        <tbody className="divide-y divide-slate-100">
          {page.items.map((group) => (
            <GroupRow key={group.id} group={group} canWrite={canWrite} />
          ))}
        </tbody>
      </table>
      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        total={page.total}
        noun={page.total === 1 ? t("nounOne") : t("nounOther")}
        hrefFor={props.hrefFor}
      />
    </Card>
  );
}

function GroupTableHead({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations("groups.list");
  return (
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
  );
}

function GroupRow({ group, canWrite }: { group: GroupView; canWrite: boolean }) {
  const t = useTranslations("groups.list");
  return (
    <tr className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-3 text-sm hover:bg-slate-50 sm:table-row sm:px-0 sm:py-0">
      <td className="w-full sm:w-auto sm:px-4 sm:py-3">
        <Link
          href={`/groups/${group.id}`}
          className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          {group.name}
        </Link>
        {group.description ? <p className="mt-0.5 line-clamp-1 text-slate-500">{group.description}</p> : null}
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
  );
}
