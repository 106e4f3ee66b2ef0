import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import {
  groupListFilters,
  GroupListHeader,
  GroupListResults,
  GroupSearchForm,
} from "@/lib/groups/components/group-list";
import { listGroupsSchema } from "@/lib/groups/schemas";
import { listGroups } from "@/lib/groups/service";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

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
  const params = await searchParams;
  const query = listGroupsSchema.parse({
    q: typeof params.q === "string" ? params.q : undefined,
    page: typeof params.page === "string" ? params.page : undefined,
    origin: params.origin === "ezeep" || params.origin === "azure" ? params.origin : undefined,
  });
  const canWrite = ctx.can("groups.write");
  const loaded = await tryLoad(() => listGroups(ctx.current, query));
  const deletedName = params.notice === "deleted" && typeof params.name === "string" ? params.name : null;
  const filters = groupListFilters(query);
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(filters);
    next.set("page", String(page));
    return `/groups?${next}`;
  };

  return (
    <>
      <GroupListHeader canWrite={canWrite} filters={filters} deletedName={deletedName} />
      <GroupSearchForm query={query} />
      <GroupListResults
        loaded={loaded}
        filtered={Boolean(query.q || query.origin !== "all")}
        canWrite={canWrite}
        hrefFor={hrefFor}
      />
    </>
  );
}
