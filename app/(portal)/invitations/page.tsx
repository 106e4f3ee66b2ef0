import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";

import {
  InvitationSearchForm,
  invitationsHref,
  InvitationStatusTabs,
} from "@/lib/invitations/components/invitation-filters";
import { InvitationResults } from "@/lib/invitations/components/invitation-results";
import { toInvitationRow } from "@/lib/invitations/components/invitation-rows";
import {
  InvitationsHeader,
  LastChecked,
  LastCheckFailed,
} from "@/lib/invitations/components/invitations-follow-up";
import { listInvitationsSchema } from "@/lib/invitations/schemas";
import { groupNamesFor, invitationSyncState, listInvitations } from "@/lib/invitations/service";
import { relativeTimeText } from "@/lib/invitations/time-text";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitations");
  return { title: t("page.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function InvitationsPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("invitations.read", "invitations");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const query = listInvitationsSchema.parse({
    status: typeof params.status === "string" ? params.status : undefined,
    q: typeof params.q === "string" ? params.q : undefined,
    page: typeof params.page === "string" ? params.page : undefined,
  });
  const now = new Date();
  const [t, relativeTime, locale] = await Promise.all([
    getTranslations("invitations"),
    relativeTimeText(),
    getLocale(),
  ]);
  const canWrite = ctx.can("invitations.write");
  const [data, state] = await Promise.all([
    listInvitations(ctx.current, query, now),
    invitationSyncState(ctx.current),
  ]);
  const needsNames = data.items.some((i) => i.intendedGroupIds.length > 0);
  const groupNames = needsNames ? await groupNamesFor(ctx.current) : null;
  const words = {
    now,
    locale,
    relativeTime,
    groupNames,
    due: t("time.due"),
    deletedGroup: t("page.deletedGroup"),
  };

  return (
    <>
      <InvitationsHeader organizationName={ctx.current.organization.name} canWrite={canWrite} />
      <LastCheckFailed state={state} now={now} relativeTime={relativeTime} />
      <InvitationStatusTabs query={query} counts={data.counts} />
      <InvitationSearchForm query={query} />
      <InvitationResults
        data={data}
        rows={data.items.map((i) => toInvitationRow(i, words))}
        filtered={Boolean(query.q) || query.status !== "all"}
        canWrite={canWrite}
        hrefFor={(page) => invitationsHref(query, page)}
      />
      <LastChecked state={state} now={now} relativeTime={relativeTime} />
    </>
  );
}
