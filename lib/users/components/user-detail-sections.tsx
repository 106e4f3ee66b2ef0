// The user page's sections (app/(portal)/users/[id]/page.tsx): the header with its actions, the
// summary card, the user's groups (remove, add) and the printing settings.
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";

import { AddToGroups } from "@/lib/memberships/components/add-to-groups";
import { RemoveMemberButton } from "@/lib/memberships/components/remove-member-button";
import { Badge, Card, formatDateTime, Notice, PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";
import { DeleteUserButton } from "@/lib/users/components/delete-user-button";
import { PrintingFlags } from "@/lib/users/components/printing-flags";
import { RoleBadge, StatusBadge } from "@/lib/users/components/user-badges";
import type { UserPageData } from "@/lib/users/page-data";
import type { UserDetail } from "@/lib/users/service";

type DetailT = Awaited<ReturnType<typeof getTranslations<"users.detail">>>;

/** What the signed-in admin may do on this page. */
export interface UserPageRights {
  write: boolean;
  delete: boolean;
  memberships: boolean;
}

/** The notice after an edit, the name and e-mail with Edit / Delete, and the summary card. */
export async function UserOverview(props: {
  data: UserPageData;
  rights: UserPageRights;
  notice?: string | string[];
}) {
  const t = await getTranslations("users.detail");
  const { user, lostPrinters } = props.data;
  const { write, delete: canDelete } = props.rights;
  const actions = (
    <>
      {write ? (
        <Link href={`/users/${user.id}/edit`} className={buttonClass.secondary}>
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
  );
  return (
    <div>
      {props.notice === "updated" ? <Notice tone="success">{t("updatedNotice")}</Notice> : null}
      <PageHeader title={user.name} description={user.email} actions={write || canDelete ? actions : null} />
      <UserSummary user={user} />
    </div>
  );
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{props.label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{props.children}</dd>
    </div>
  );
}

function invitationSentence(
  t: DetailT,
  invitation: { status: string; expires?: string | null },
  locale: string,
): string {
  if (!invitation.expires) return t("invited");
  const date = formatDateTime(new Date(invitation.expires), locale);
  return invitation.status === "EXPIRED" ? t("invitedExpired", { date }) : t("invitedExpires", { date });
}

/** Role, status, joined and sign-in method; for an invitee, where the invitation stands. */
async function UserSummary({ user }: { user: UserDetail }) {
  const t = await getTranslations("users.detail");
  const tBadges = await getTranslations("users.badges");
  const locale = await getLocale();
  return (
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
  );
}

/** The user's groups (each removable with memberships.write) and "Add to groups" below them. */
export async function UserGroupsSection(props: { data: UserPageData; canMemberships: boolean }) {
  const t = await getTranslations("users.detail");
  const { user, joinable } = props.data;
  return (
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
          <UserGroupList user={user} canMemberships={props.canMemberships} />
        )}
        {joinable ? (
          <div className="border-t border-slate-100 p-4">
            <AddToGroups user={{ id: user.id, label: user.name }} groups={joinable} />
          </div>
        ) : null}
      </Card>
    </section>
  );
}

async function UserGroupList({ user, canMemberships }: { user: UserDetail; canMemberships: boolean }) {
  const t = await getTranslations("users.detail");
  const tBadges = await getTranslations("users.badges");
  return (
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
  );
}

/** The printing switches; an invitee has none until they accept. */
export async function UserPrintingSection({ user, canWrite }: { user: UserDetail; canWrite: boolean }) {
  const t = await getTranslations("users.detail");
  return (
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
  );
}
