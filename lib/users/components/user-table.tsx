"use client";

// One page of users. Admins who may change memberships can select people and add the selection
// to a group or remove it from one, or resend the invitations of selected invitees (a result per
// person; a removal can be undone from the toast, lib/users/components/user-bulk.tsx).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { BulkProgress, useBulkAdd } from "@/lib/memberships/components/bulk-add";
import { Badge, Card } from "@/lib/ui/components";
import { buttonClass, inputClass } from "@/lib/ui/styles";
import { RoleBadge, StatusBadge } from "@/lib/users/components/user-badges";
import { UndoToast, UserBulkResults, useUserBulk } from "@/lib/users/components/user-bulk";
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
  const tBadges = useTranslations("users.badges");
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [groupId, setGroupId] = useState("");
  const bulk = useBulkAdd(() => router.refresh());
  const more = useUserBulk(() => router.refresh());
  // Invitees can be selected too: for "Resend invitation" (group changes skip them, per person).
  const selectable = props.users;
  const allSelected = selectable.length > 0 && selectable.every((u) => selected.has(u.id));
  const running = (bulk.state?.running ?? false) || more.running;
  const chosenIds = () => props.users.filter((u) => selected.has(u.id)).map((u) => u.id);
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      {props.canManageMemberships ? (
        // Always rendered (also at phone width, where the table header is visually hidden): select
        // all, how many are selected (a live region, so checking a row is announced), and the action.
        <div
          className="sticky top-2 z-10 mb-3 flex flex-col gap-2 rounded-xl border border-brand-100 bg-brand-50 p-3 shadow-sm sm:flex-row sm:items-center"
          data-testid="bulk-bar"
          role="region"
          aria-label={t("selectedRegion")}
        >
          <label className="flex items-center gap-2 text-sm font-medium text-brand-900">
            <input
              type="checkbox"
              checked={allSelected}
              disabled={selectable.length === 0}
              onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((u) => u.id)))}
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
            />
            {t("selectAll")}
          </label>
          <p className="flex items-center gap-2 text-sm text-brand-900 sm:mr-auto">
            <span role="status">{selected.size > 0 ? t("selectedCount", { count: selected.size }) : ""}</span>
            {selected.size > 0 ? (
              <button
                type="button"
                className="text-sm font-normal text-brand-700 hover:underline"
                onClick={() => setSelected(new Set())}
              >
                {t("clear")}
              </button>
            ) : null}
          </p>
          <label htmlFor="bulk-group" className="sr-only">
            {t("groupLabel")}
          </label>
          <select
            id="bulk-group"
            value={groupId}
            onChange={(e) => setGroupId(e.target.value)}
            className={`${inputClass} sm:w-64`}
          >
            <option value="">{t("chooseGroup")}</option>
            {props.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={buttonClass.primary}
            disabled={!groupId || running || selected.size === 0}
            onClick={async () => {
              const group = props.groups.find((g) => g.id === groupId)!;
              const users = props.users
                .filter((u) => selected.has(u.id))
                .map((u) => ({ id: u.id, label: u.name, detail: u.email }));
              setSelected(new Set());
              await bulk.run(group, users);
            }}
          >
            {bulk.state?.running ? t("adding") : t("addToGroup")}
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={!groupId || running || selected.size === 0}
            onClick={async () => {
              const group = props.groups.find((g) => g.id === groupId)!;
              const ids = chosenIds();
              setSelected(new Set());
              bulk.clear(); // one result panel at a time
              await more.removeFromGroup(group, ids);
            }}
          >
            {t("removeFromGroup")}
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={running || !props.users.some((u) => selected.has(u.id) && !u.verified)}
            title={t("resendHint")}
            onClick={async () => {
              const ids = props.users.filter((u) => selected.has(u.id) && !u.verified).map((u) => u.id);
              setSelected(new Set());
              await more.resendInvitations(ids);
            }}
          >
            {t("resend")}
          </button>
        </div>
      ) : null}
      {bulk.state ? (
        <div className="mb-4">
          <BulkProgress state={bulk.state} onClose={bulk.clear} />
        </div>
      ) : null}
      {more.state ? <UserBulkResults state={more.state} onClose={more.clear} /> : null}
      {more.undo ? (
        <UndoToast offer={more.undo} onUndo={() => void more.undoRemoval()} onDismiss={more.dismissUndo} />
      ) : null}
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
              <tr
                key={user.id}
                data-testid="user-row"
                className="flex flex-wrap items-center gap-x-3 gap-y-1.5 px-4 py-3 hover:bg-slate-50 sm:table-row sm:px-0 sm:py-0"
              >
                {props.canManageMemberships ? (
                  <td className="sm:py-3 sm:pl-4">
                    <input
                      type="checkbox"
                      aria-label={t("selectUser", { name: user.name })}
                      checked={selected.has(user.id)}
                      onChange={() => toggle(user.id)}
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
                  {user.groups.length === 0 ? (
                    <span className="text-slate-500">{user.printing ? t("noGroups") : "—"}</span>
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {user.groups.slice(0, MAX_GROUP_BADGES).map((g) => (
                        <Badge key={g.id} tone="slate">
                          {g.name}
                        </Badge>
                      ))}
                      {user.groups.length > MAX_GROUP_BADGES ? (
                        <Badge
                          tone="slate"
                          title={user.groups
                            .slice(MAX_GROUP_BADGES)
                            .map((g) => g.name)
                            .join(", ")}
                        >
                          +{user.groups.length - MAX_GROUP_BADGES}
                        </Badge>
                      ) : null}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.footer}
      </Card>
    </>
  );
}
