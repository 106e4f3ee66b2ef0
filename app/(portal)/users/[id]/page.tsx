import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { AddToGroups } from "@/lib/memberships/components/add-to-groups";
import { RemoveMemberButton } from "@/lib/memberships/components/remove-member-button";
import { EffectivePrinters } from "@/lib/printers/components/effective-printers";
import { Badge, Breadcrumbs, Card, formatDateTime, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";
import { DeleteUserButton } from "@/lib/users/components/delete-user-button";
import { PrintingFlags } from "@/lib/users/components/printing-flags";
import { RoleBadge, StatusBadge } from "@/lib/users/components/user-badges";
import { loadUserPage } from "@/lib/users/page-data";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.detail");
  return { title: t("title") };
}

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{props.label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{props.children}</dd>
    </div>
  );
}

type DetailT = Awaited<ReturnType<typeof getTranslations<"users.detail">>>;

function invitationSentence(
  t: DetailT,
  invitation: { status: string; expires?: string | null },
  locale: string,
): string {
  if (!invitation.expires) return t("invited");
  const date = formatDateTime(new Date(invitation.expires), locale);
  return invitation.status === "EXPIRED" ? t("invitedExpired", { date }) : t("invitedExpires", { date });
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
  const locale = await getLocale();
  const tBadges = await getTranslations("users.badges");
  const { id } = await params;
  const { notice } = await searchParams;
  const canWrite = ctx.can("users.write");
  const canDelete = ctx.can("users.delete");
  const canMemberships = ctx.can("memberships.write");
  const [loaded, history] = await Promise.all([
    tryLoad(() =>
      loadUserPage(ctx.current, id, {
        memberships: canMemberships,
        impact: canDelete,
        printers: ctx.can("printers.read"),
      }),
    ),
    ctx.can("audit.read")
      ? listAuditEntries(ctx.current, { targetType: "user", targetId: id, limit: 10 })
      : null,
  ]);
  if (loaded.ok && !loaded.data) notFound();
  const user = loaded.ok ? loaded.data!.user : null;
  const joinable = loaded.ok ? loaded.data!.joinable : null;
  const lostPrinters = loaded.ok ? loaded.data!.lostPrinters : null;

  return (
    <>
      <Breadcrumbs
        items={[{ label: t("breadcrumb"), href: "/users" }, { label: user?.name ?? t("title") }]}
      />
      {!user ? (
        <div className="mt-4">
          <Notice tone="error">{t("loadFailed", { error: loaded.ok ? "" : loaded.error })}</Notice>
        </div>
      ) : (
        <div className="mt-2 space-y-6">
          <div>
            {notice === "updated" ? <Notice tone="success">{t("updatedNotice")}</Notice> : null}
            <PageHeader
              title={user.name}
              description={user.email}
              actions={
                canWrite || canDelete ? (
                  <>
                    {canWrite ? (
                      <Link href={`/users/${id}/edit`} className={buttonClass.secondary}>
                        {t("edit")}
                      </Link>
                    ) : null}
                    {canDelete ? (
                      <DeleteUserButton
                        user={{ id: user.id, name: user.name, email: user.email }}
                        groups={user.groups.map((g) => g.name)}
                        printers={lostPrinters ? lostPrinters.map((p) => p.name) : []}
                      />
                    ) : null}
                  </>
                ) : null
              }
            />
            <Card>
              <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-4">
                <Field label={t("role")}>
                  <RoleBadge role={user.role} />
                </Field>
                <Field label={t("status")}>
                  <StatusBadge verified={user.verified} invitation={user.invitation} />
                </Field>
                <Field label={t("joined")}>
                  {user.dateJoined ? formatDateTime(new Date(user.dateJoined), locale) : "—"}
                </Field>
                <Field label={t("signIn")}>
                  {user.azure ? (
                    <Badge tone="violet" title={user.azureName ?? undefined}>
                      {tBadges("azureAd")}
                    </Badge>
                  ) : (
                    t("ezeepAccount")
                  )}
                </Field>
              </dl>
              {user.invitation ? (
                <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
                  {invitationSentence(t, user.invitation, locale)}{" "}
                  <Link href="/invitations" className="font-medium text-brand-700 hover:underline">
                    {t("invitationsLink")}
                  </Link>
                </p>
              ) : null}
            </Card>
          </div>

          <div className="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="groups-title">
              <div className="mb-2 flex items-center justify-between gap-2">
                <h2 id="groups-title" className="text-sm font-semibold text-slate-900">
                  {t("groups", { count: user.groups.length })}
                </h2>
              </div>
              <Card>
                {user.groups.length === 0 ? (
                  <p className="px-4 py-6 text-sm text-slate-500">
                    {user.printing ? t("noGroups") : t("groupsAfterAccept")}
                  </p>
                ) : (
                  <ul className="divide-y divide-slate-100" data-testid="user-groups">
                    {user.groups.map((g) => (
                      <li key={g.id} className="flex items-center justify-between gap-3 px-4 py-3 text-sm">
                        <span className="flex min-w-0 items-center gap-2">
                          <Link
                            href={`/groups/${g.id}/members`}
                            className="truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                          >
                            {g.name}
                          </Link>
                          {g.azure ? <Badge tone="violet">{tBadges("azureAd")}</Badge> : null}
                        </span>
                        {canMemberships ? (
                          <RemoveMemberButton
                            user={{ id: user.id, label: user.name }}
                            group={g}
                            label={t("removeFrom", { group: g.name })}
                          />
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
                {joinable ? (
                  <div className="border-t border-slate-100 p-4">
                    <AddToGroups user={{ id: user.id, label: user.name }} groups={joinable} />
                  </div>
                ) : null}
              </Card>
            </section>

            <section aria-labelledby="printing-title">
              <h2 id="printing-title" className="mb-2 text-sm font-semibold text-slate-900">
                {t("printingSettings")}
              </h2>
              <Card className="px-4">
                {user.printing ? (
                  <PrintingFlags
                    userId={user.id}
                    flags={user.printing}
                    unreported={user.unreported}
                    canWrite={canWrite}
                  />
                ) : (
                  <p className="py-6 text-sm text-slate-500">{t("printingAfterAccept")}</p>
                )}
              </Card>
            </section>
          </div>

          <EffectivePrinters ctx={ctx.current} userId={id} />
        </div>
      )}
      {history ? <RecentChanges entries={history.entries} emptyText={t("noHistory")} /> : null}
    </>
  );
}
