import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { GroupHeader } from "@/lib/groups/components/group-header";
import { findGroup } from "@/lib/groups/service";
import { MemberPicker } from "@/lib/memberships/components/member-picker";
import { RemoveMemberButton } from "@/lib/memberships/components/remove-member-button";
import { listMembersSchema } from "@/lib/memberships/schemas";
import { listGroupMembers } from "@/lib/memberships/service";
import { AccessDenied, Badge, Breadcrumbs, Card, EmptyState, Notice, Pagination } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";
import { RoleBadge } from "@/lib/users/components/user-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.members");
  return { title: t("title") };
}

export default async function GroupMembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const tAccess = await getTranslations("groups.access");
  const guard = await requirePageContext("groups.read", tAccess("groups"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("groups");
  const { id } = await params;
  const sp = await searchParams;
  const query = listMembersSchema.parse({
    q: typeof sp.q === "string" ? sp.q : undefined,
    page: typeof sp.page === "string" ? sp.page : undefined,
  });
  const loaded = await tryLoad(() => findGroup(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  // The name when ezeep answered (for the breadcrumb and the title).
  const loadedName = loaded.ok && loaded.data ? loaded.data.name : null;
  const canRead = ctx.can("users.read");
  const members = loaded.ok && canRead ? await tryLoad(() => listGroupMembers(ctx.current, id, query)) : null;
  const canWrite = ctx.can("groups.write");
  const canMemberships = ctx.can("memberships.write");
  const hrefFor = (page: number) => {
    const next = new URLSearchParams();
    if (query.q) next.set("q", query.q);
    next.set("page", String(page));
    return `/groups/${id}/members?${next}`;
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("detail.breadcrumb"), href: "/groups" },
          { label: loadedName ?? t("detail.title"), href: `/groups/${id}` },
          { label: t("members.breadcrumb") },
        ]}
      />
      {!loaded.ok ? (
        <div className="mt-4">
          <Notice tone="error">{t("detail.loadFailed", { error: loaded.error })}</Notice>
        </div>
      ) : (
        <div className="mt-2">
          <GroupHeader group={loaded.data!} canWrite={canWrite} />
          {!canRead ? <AccessDenied what={tAccess("seeingUsers")} /> : null}
          {members && !members.ok ? (
            <Notice tone="error">{t("members.loadFailed", { error: members.error })}</Notice>
          ) : null}
          {members?.ok ? (
            <>
              <div className="mb-4 flex flex-wrap items-start gap-3">
                <form
                  role="search"
                  className="flex min-w-0 flex-[1_1_18rem] gap-2"
                  action={`/groups/${id}/members`}
                >
                  <label htmlFor="member-filter" className="sr-only">
                    {t("members.searchLabel")}
                  </label>
                  <input
                    id="member-filter"
                    name="q"
                    type="search"
                    defaultValue={query.q}
                    placeholder={t("members.searchPlaceholder")}
                    className={inputClass}
                  />
                  <button type="submit" className={buttonClass.secondary}>
                    {t("members.search")}
                  </button>
                </form>
                {canMemberships ? <MemberPicker group={{ id, name: loaded.data!.name }} /> : null}
              </div>
              {loaded.data!.origin === "azure" && canMemberships ? (
                <Notice tone="info">{t("members.azureNotice")}</Notice>
              ) : null}
              {members.data.total === 0 && query.q ? (
                <EmptyState title={t("members.noMatchTitle")}>
                  {t("members.noMatchText")}{" "}
                  <Link className="font-medium text-brand-700 hover:underline" href={`/groups/${id}/members`}>
                    {t("members.showAll")}
                  </Link>
                </EmptyState>
              ) : null}
              {members.data.total === 0 && !query.q ? (
                <EmptyState title={t("members.emptyTitle")}>
                  {canMemberships ? t("members.emptyCanAdd") : t("members.emptyText")}
                </EmptyState>
              ) : null}
              {members.data.total > 0 ? (
                <Card className="overflow-hidden">
                  <ul className="divide-y divide-slate-100" data-testid="group-members">
                    {members.data.items.map((m) => (
                      <li
                        key={m.id}
                        data-testid="member-row"
                        className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm hover:bg-slate-50"
                      >
                        <div className="min-w-0 flex-1">
                          <Link
                            href={`/users/${m.id}`}
                            className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                          >
                            {m.name}
                          </Link>
                          <p className="truncate text-slate-500">{m.email}</p>
                        </div>
                        <span className="flex gap-1">
                          <RoleBadge role={m.role} />
                          {m.azure ? <Badge tone="violet">{t("origin.azureAd")}</Badge> : null}
                        </span>
                        {canMemberships ? (
                          <RemoveMemberButton
                            user={{ id: m.id, label: m.name }}
                            group={{ id, name: loaded.data!.name }}
                          />
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  <Pagination
                    page={members.data.page}
                    pageCount={members.data.pageCount}
                    total={members.data.total}
                    noun={members.data.total === 1 ? t("members.nounOne") : t("members.nounOther")}
                    hrefFor={hrefFor}
                  />
                </Card>
              ) : null}
            </>
          ) : null}
        </div>
      )}
    </>
  );
}
