import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { EffectivePrinters } from "@/lib/printers/components/effective-printers";
import { Breadcrumbs, Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import {
  UserGroupsSection,
  UserOverview,
  UserPrintingSection,
  type UserPageRights,
} from "@/lib/users/components/user-detail-sections";
import { loadUserPage } from "@/lib/users/page-data";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.detail");
  return { title: t("title") };
}

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const tAccess = await getTranslations("users.access");
  const guard = await requirePageContext("users.read", tAccess("users"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("users.detail");
  const { id } = await params;
  const { notice } = await searchParams;
  const rights: UserPageRights = {
    write: ctx.can("users.write"),
    delete: ctx.can("users.delete"),
    memberships: ctx.can("memberships.write"),
  };
  const [loaded, history] = await Promise.all([
    tryLoad(() =>
      loadUserPage(ctx.current, id, {
        memberships: rights.memberships,
        impact: rights.delete,
        printers: ctx.can("printers.read"),
      }),
    ),
    ctx.can("audit.read")
      ? listAuditEntries(ctx.current, { targetType: "user", targetId: id, limit: 10 })
      : null,
  ]);
  const data = loaded.ok ? loaded.data : null;
  if (loaded.ok && !data) notFound();

  return (
    <>
      <Breadcrumbs
        items={[{ label: t("breadcrumb"), href: "/users" }, { label: data?.user.name ?? t("title") }]}
      />
      {!data ? (
        <div className="mt-4">
          <Notice tone="error">{t("loadFailed", { error: loaded.ok ? "" : loaded.error })}</Notice>
        </div>
      ) : (
        <div className="mt-2 space-y-6">
          <UserOverview data={data} rights={rights} notice={notice} />
          <div className="grid gap-6 lg:grid-cols-2">
            <UserGroupsSection data={data} canMemberships={rights.memberships} />
            <UserPrintingSection user={data.user} canWrite={rights.write} />
          </div>
          <EffectivePrinters ctx={ctx.current} userId={id} />
        </div>
      )}
      {history ? <RecentChanges entries={history.entries} emptyText={t("noHistory")} /> : null}
    </>
  );
}
