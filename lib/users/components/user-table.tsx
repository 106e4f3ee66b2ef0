"use client";

// One page of users. Admins who may change memberships can select people and add the selection
// to a group or remove it from one, or resend the invitations of selected invitees (a result per
// person; a removal can be undone from the toast, lib/users/components/user-bulk.tsx).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";

import { BulkProgress, useBulkAdd } from "@/lib/memberships/components/bulk-add";
import { Badge, Card } from "@/lib/ui/components";
import { RoleBadge, StatusBadge } from "@/lib/users/components/user-badges";
import { UndoToast, UserBulkResults, useUserBulk } from "@/lib/users/components/user-bulk";
import { UserBulkBar, useSelection } from "@/lib/users/components/user-bulk-bar";
import type { UserListItem } from "@/lib/users/service";

const MAX_GROUP_BADGES = 3;

export function UserTable(props: {
  users: UserListItem[];
  groups: { id: string; name: string }[];
  canManageMemberships: boolean;
  header: React.ReactNode;
  footer: React.ReactNode;
}) {
  const t = useTranslations("users.table");
  const router = useRouter();
  // Invitees can be selected too: for "Resend invitation" (group changes skip them, per person).
  const selection = useSelection(props.users);
  const bulk = useBulkAdd(() => router.refresh());
  const more = useUserBulk(() => router.refresh());

  return (
    <>
      {props.canManageMemberships ? (
        <UserBulkBar
          users={props.users}
          groups={props.groups}
          selection={selection}
          bulk={bulk}
          more={more}
        />
      ) : null}
      <BulkOutcome bulk={bulk} more={more} />
      <Card className="overflow-hidden">
        <table className="w-full text-left text-sm">
          <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
            <tr>
              {props.canManageMemberships ? (
                <th scope="col" className="w-10 py-3 pl-4">
                  <span className="sr-only">{t("selectedColumn")}</span>
                </th>
              ) : null}
              {props.header}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {props.users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                selectable={props.canManageMemberships}
                selected={selection.selected.has(user.id)}
                onToggle={() => selection.toggle(user.id)}
              />
            ))}
          </tbody>
        </table>
        {props.footer}
      </Card>
    </>
  );
}

/** What the last bulk change did: one result panel at a time, and the undo toast after a removal. */
function BulkOutcome({
  bulk,
  more,
}: {
  bulk: ReturnType<typeof useBulkAdd>;
  more: ReturnType<typeof useUserBulk>;
}) {
  return (
    <>
      {bulk.state ? (
        <div className="mb-4">
          <BulkProgress state={bulk.state} onClose={bulk.clear} />
        </div>
      ) : null}
      {more.state ? <UserBulkResults state={more.state} onClose={more.clear} /> : null}
      {more.undo ? (
        <UndoToast offer={more.undo} onUndo={() => void more.undoRemoval()} onDismiss={more.dismissUndo} />
      ) : null}
    </>
  );
}

function UserRow(props: {
  user: UserListItem;
  selectable: boolean;
  selected: boolean;
  onToggle: () => void;
}) {
  const t = useTranslations("users.table");
  const tBadges = useTranslations("users.badges");
  const { user } = props;
  return (
    <tr
      data-testid="user-row"
      className="flex flex-wrap items-center gap-x-3 gap-y-1.5 px-4 py-3 hover:bg-slate-50 sm:table-row sm:px-0 sm:py-0"
    >
      {props.selectable ? (
        <td className="sm:py-3 sm:pl-4">
          <input
            type="checkbox"
            aria-label={t("selectUser", { name: user.name })}
            checked={props.selected}
            onChange={props.onToggle}
            className="h-4 w-4 rounded border-slate-300 text-brand-600 disabled:opacity-40"
          />
        </td>
      ) : null}
      <td className="min-w-0 flex-1 sm:px-4 sm:py-3">
        <Link
          href={`/users/${user.id}`}
          className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          {user.name}
        </Link>
        {user.name !== user.email ? (
          <p className="truncate text-slate-500">{user.email}</p>
        ) : (
          <p className="text-slate-500">{t("notSignedIn")}</p>
        )}
      </td>
      <td className="sm:px-4 sm:py-3">
        <span className="flex flex-wrap gap-1">
          <RoleBadge role={user.role} />
          {!user.verified ? <StatusBadge verified={false} /> : null}
          {user.azure ? <Badge tone="violet">{tBadges("azureAd")}</Badge> : null}
        </span>
      </td>
      <td className="w-full sm:w-auto sm:px-4 sm:py-3">
        <GroupBadges user={user} />
      </td>
    </tr>
  );
}

/** The first few groups as badges, the rest as "+n" (named in its tooltip). */
function GroupBadges({ user }: { user: UserListItem }) {
  const t = useTranslations("users.table");
  if (user.groups.length === 0) {
    return <span className="text-slate-500">{user.printing ? t("noGroups") : "—"}</span>;
  }
  const hidden = user.groups.slice(MAX_GROUP_BADGES);
  return (
    <span className="flex flex-wrap gap-1">
      {user.groups.slice(0, MAX_GROUP_BADGES).map((g) => (
        <Badge key={g.id} tone="slate">
          {g.name}
        </Badge>
      ))}
      {hidden.length > 0 ? (
        <Badge tone="slate" title={hidden.map((g) => g.name).join(", ")}>
          +{hidden.length}
        </Badge>
      ) : null}
    </span>
  );
}
