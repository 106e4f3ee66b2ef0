// The member list of one group's "Members" page: a search, "Add members" for those who may change
// memberships, then the members (one page of them) or an empty state.
import { useTranslations } from "next-intl";
import Link from "next/link";

import type { ActionResult } from "@/lib/auth/action";
import type { GroupView } from "@/lib/groups/service";
import { MemberPicker } from "@/lib/memberships/components/member-picker";
import { RemoveMemberButton } from "@/lib/memberships/components/remove-member-button";
import type { ListMembersQuery } from "@/lib/memberships/schemas";
import type { MemberPage } from "@/lib/memberships/service";
import { Badge, Card, EmptyState, Notice, Pagination } from "@/lib/ui/components";
import { SearchForm } from "@/lib/ui/search-form";
import { RoleBadge } from "@/lib/users/components/user-badges";

type Member = MemberPage["items"][number];

interface GroupRef {
  id: string;
  name: string;
}

export function GroupMembers(props: {
  group: GroupView;
  groupId: string;
  query: ListMembersQuery;
  members: ActionResult<MemberPage>;
  canMemberships: boolean;
  hrefFor: (page: number) => string;
}) {
  const t = useTranslations("groups.members");
  const { members, query, canMemberships } = props;
  const group = { id: props.groupId, name: props.group.name };
  if (!members.ok) return <Notice tone="error">{t("loadFailed", { error: members.error })}</Notice>;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-start gap-3">
        <MemberSearchForm groupId={group.id} query={query} />
        {canMemberships ? <MemberPicker group={group} /> : null}
      </div>
      {props.group.origin === "azure" && canMemberships ? (
        <Notice tone="info">{t("azureNotice")}</Notice>
      ) : null}
      {members.data.total === 0 ? (
        <NoMembers groupId={group.id} filtered={Boolean(query.q)} canMemberships={canMemberships} />
      ) : (
        <MemberList
          page={members.data}
          group={group}
          canMemberships={canMemberships}
          hrefFor={props.hrefFor}
        />
      )}
    </>
  );
}

function MemberSearchForm({ groupId, query }: { groupId: string; query: ListMembersQuery }) {
  return (
    <SearchForm
      action={`/groups/${groupId}/members`}
      messages="groups.members"
      fieldId="member-filter"
      q={query.q}
      className="flex min-w-0 flex-[1_1_18rem] gap-2"
    />
  );
}

/** No member: none matches the search, or the group has none yet. */
function NoMembers(props: { groupId: string; filtered: boolean; canMemberships: boolean }) {
  const t = useTranslations("groups.members");
  if (props.filtered)
    return (
      <EmptyState title={t("noMatchTitle")}>
        {t("noMatchText")}{" "}
        <Link
          className="font-medium text-brand-700 hover:underline"
          href={`/groups/${props.groupId}/members`}
        >
          {t("showAll")}
        </Link>
      </EmptyState>
    );
  return (
    <EmptyState title={t("emptyTitle")}>
      {props.canMemberships ? t("emptyCanAdd") : t("emptyText")}
    </EmptyState>
  );
}

function MemberList(props: {
  page: MemberPage;
  group: GroupRef;
  canMemberships: boolean;
  hrefFor: (page: number) => string;
}) {
  const t = useTranslations("groups.members");
  const { page } = props;
  return (
    <Card className="overflow-hidden">
      <ul className="divide-y divide-slate-100" data-testid="group-members">
        {page.items.map((member) => (
          <MemberRow
            key={member.id}
            member={member}
            group={props.group}
            canMemberships={props.canMemberships}
          />
        ))}
      </ul>
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

function MemberRow({
  member,
  group,
  canMemberships,
}: {
  member: Member;
  group: GroupRef;
  canMemberships: boolean;
}) {
  const tOrigin = useTranslations("groups.origin");
  return (
    <li
      data-testid="member-row"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm hover:bg-slate-50"
    >
      <div className="min-w-0 flex-1">
        <Link
          href={`/users/${member.id}`}
          className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          {member.name}
        </Link>
        <p className="truncate text-slate-500">{member.email}</p>
      </div>
      <span className="flex gap-1">
        <RoleBadge role={member.role} />
        {member.azure ? <Badge tone="violet">{tOrigin("azureAd")}</Badge> : null}
      </span>
      {canMemberships ? (
        <RemoveMemberButton user={{ id: member.id, label: member.name }} group={group} />
      ) : null}
    </li>
  );
}
