// The invitations page's results: the table with its pagination, or an empty state.
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { InvitationList, type InvitationRow } from "@/lib/invitations/components/invitation-list";
import type { InvitationPage } from "@/lib/invitations/service";
import { Card, EmptyState, Pagination } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export async function InvitationResults(props: {
  data: InvitationPage;
  rows: InvitationRow[];
  filtered: boolean;
  canWrite: boolean;
  hrefFor: (page: number) => string;
}) {
  const { data, canWrite } = props;
  const t = await getTranslations("invitations");
  if (data.total === 0) return <NoInvitations filtered={props.filtered} canWrite={canWrite} />;
  return (
    <Card className="overflow-hidden">
      <InvitationList rows={props.rows} canWrite={canWrite} />
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        total={data.total}
        noun={t("page.pagination")}
        hrefFor={props.hrefFor}
      />
    </Card>
  );
}

/** The empty list: nothing matches the filter, or nothing was invited yet. */
async function NoInvitations({ filtered, canWrite }: { filtered: boolean; canWrite: boolean }) {
  const t = await getTranslations("invitations");
  if (filtered)
    return (
      <EmptyState title={t("page.noMatchTitle")}>
        {t("page.noMatch")}{" "}
        <Link className="font-medium text-brand-700 hover:underline" href="/invitations">
          {t("page.showAll")}
        </Link>
      </EmptyState>
    );
  return (
    <EmptyState
      title={t("page.emptyTitle")}
      action={
        canWrite ? (
          <Link href="/invitations/new" className={buttonClass.primary}>
            {t("page.emptyAction")}
          </Link>
        ) : null
      }
    >
      {canWrite ? t("page.emptyWithSync") : t("page.empty")}
    </EmptyState>
  );
}
