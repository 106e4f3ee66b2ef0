import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { UsersFilters } from "@/lib/users/components/users-filters";
import {
  UsersAsOf,
  UsersEmpty,
  UsersListHeader,
  UsersResults,
} from "@/lib/users/components/users-list-sections";
import { isFiltered, readUsersListParams } from "@/lib/users/list-href";
import { listUsers } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.list");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const tAccess = await getTranslations("users.access");
  const guard = await requirePageContext("users.read", tAccess("users"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("users.list");
  const { query, deletedName, refresh } = readUsersListParams(await searchParams);
  const loaded = await tryLoad(() => listUsers(ctx.current, query, { refresh }));
  const page = loaded.ok ? loaded.data : null;
  let notice: string | undefined;
  if (deletedName !== undefined) {
    notice = deletedName ? t("deletedNotice", { name: deletedName }) : t("deletedNoticeNoName");
  }

  return (
    <>
      <UsersListHeader
        query={query}
        summary={page ? { count: page.organizationUsers, organization: ctx.current.organization.name } : null}
        canInvite={ctx.can("invitations.write")}
      />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <UsersFilters query={query} groups={page?.groups ?? []} />
      {!loaded.ok ? <Notice tone="error">{t("loadFailed", { error: loaded.error })}</Notice> : null}
      {page?.total === 0 ? <UsersEmpty filtered={isFiltered(query)} /> : null}
      {page && page.total > 0 ? (
        <UsersResults page={page} query={query} canManageMemberships={ctx.can("memberships.write")} />
      ) : null}
      {page ? <UsersAsOf asOf={page.asOf} query={query} /> : null}
    </>
  );
}
