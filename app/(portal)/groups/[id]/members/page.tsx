import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { GroupHeader } from "@/lib/groups/components/group-header";
import { GroupBreadcrumbs, GroupLoadFailed } from "@/lib/groups/components/group-page-frame";
import { loadGroupPage, type GroupPageProps } from "@/lib/groups/page-data";
import { GroupMembers } from "@/lib/memberships/components/group-members";
import { listMembersSchema } from "@/lib/memberships/schemas";
import { listGroupMembers } from "@/lib/memberships/service";
import { AccessDenied } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.members");
  return { title: t("title") };
}

export default async function GroupMembersPage({ params, searchParams }: GroupPageProps) {
  const loaded = await loadGroupPage(params);
  if (!loaded.ok) return loaded.denied;
  const { ctx, id, group } = loaded;
  const tAccess = await getTranslations("groups.access");
  const t = await getTranslations("groups.members");
  const sp = await searchParams;
  const query = listMembersSchema.parse({
    q: typeof sp.q === "string" ? sp.q : undefined,
    page: typeof sp.page === "string" ? sp.page : undefined,
  });
  const canRead = ctx.can("users.read");
  const members = group && canRead ? await tryLoad(() => listGroupMembers(ctx.current, id, query)) : null;
  const hrefFor = (page: number) => {
    const next = new URLSearchParams();
    if (query.q) next.set("q", query.q);
    next.set("page", String(page));
    return `/groups/${id}/members?${next}`;
  };

  return (
    <>
      <GroupBreadcrumbs groupId={id} name={group?.name ?? null} section={t("breadcrumb")} />
      {group ? (
        <div className="mt-2">
          <GroupHeader group={group} canWrite={ctx.can("groups.write")} />
          {!canRead ? <AccessDenied what={tAccess("seeingUsers")} /> : null}
          {members ? (
            <GroupMembers
              group={group}
              groupId={id}
              query={query}
              members={members}
              canMemberships={ctx.can("memberships.write")}
              hrefFor={hrefFor}
            />
          ) : null}
        </div>
      ) : (
        <GroupLoadFailed error={loaded.loadError} />
      )}
    </>
  );
}
