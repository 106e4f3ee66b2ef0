"use client";

// The users list's selection bar: select all, how many are selected, a group, and the bulk
// actions (add to / remove from that group, resend invitations). Results show below the bar
// (lib/users/components/user-table.tsx).
import { useTranslations } from "next-intl";
import { useState } from "react";

import type { useBulkAdd } from "@/lib/memberships/components/bulk-add";
import { buttonClass, inputClass } from "@/lib/ui/styles";
import type { useUserBulk } from "@/lib/users/components/user-bulk";
import type { UserListItem } from "@/lib/users/service";

export interface Selection {
  selected: Set<string>;
  allSelected: boolean;
  toggle(id: string): void;
  toggleAll(): void;
  clear(): void;
}

/** Which of the page's users are selected. */
export function useSelection(users: UserListItem[]): Selection {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const allSelected = users.length > 0 && users.every((u) => selected.has(u.id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(users.map((u) => u.id)));
  return { selected, allSelected, toggle, toggleAll, clear: () => setSelected(new Set()) };
}

type Group = { id: string; name: string };

interface BulkBarProps {
  users: UserListItem[];
  groups: Group[];
  selection: Selection;
  bulk: ReturnType<typeof useBulkAdd>;
  more: ReturnType<typeof useUserBulk>;
}

/** The bar's chosen group and what its buttons do with the selection (which is cleared first). */
function useBulkBarActions({ users, groups, selection, bulk, more }: BulkBarProps) {
  const [groupId, setGroupId] = useState("");
  const running = (bulk.state?.running ?? false) || more.running;
  const chosen = () => users.filter((u) => selection.selected.has(u.id));
  const chosenGroup = () => groups.find((g) => g.id === groupId)!;

  const addToGroup = async () => {
    const group = chosenGroup();
    const people = chosen().map((u) => ({ id: u.id, label: u.name, detail: u.email }));
    selection.clear();
    await bulk.run(group, people);
  };
  const removeFromGroup = async () => {
    const group = chosenGroup();
    const ids = chosen().map((u) => u.id);
    selection.clear();
    bulk.clear(); // one result panel at a time
    await more.removeFromGroup(group, ids);
  };
  const resend = async () => {
    const ids = chosen()
      .filter((u) => !u.verified)
      .map((u) => u.id);
    selection.clear();
    await more.resendInvitations(ids);
  };
  return {
    groupId,
    setGroupId,
    groupActionDisabled: !groupId || running || selection.selected.size === 0,
    resendDisabled: running || !chosen().some((u) => !u.verified),
    addToGroup,
    removeFromGroup,
    resend,
  };
}

export function UserBulkBar(props: BulkBarProps) {
  const t = useTranslations("users.table");
  const actions = useBulkBarActions(props);
  return (
    // Always rendered (also at phone width, where the table header is visually hidden): select
    // all, how many are selected (a live region, so checking a row is announced), and the action.
    <div
      className="sticky top-2 z-10 mb-3 flex flex-col gap-2 rounded-xl border border-brand-100 bg-brand-50 p-3 shadow-sm sm:flex-row sm:items-center"
      data-testid="bulk-bar"
      role="region"
      aria-label={t("selectedRegion")}
    >
      <SelectionControls selection={props.selection} selectableCount={props.users.length} />
      <GroupSelect groups={props.groups} value={actions.groupId} onChange={actions.setGroupId} />
      <button
        type="button"
        className={buttonClass.primary}
        disabled={actions.groupActionDisabled}
        onClick={actions.addToGroup}
      >
        {props.bulk.state?.running ? t("adding") : t("addToGroup")}
      </button>
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={actions.groupActionDisabled}
        onClick={actions.removeFromGroup}
      >
        {t("removeFromGroup")}
      </button>
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={actions.resendDisabled}
        title={t("resendHint")}
        onClick={actions.resend}
      >
        {t("resend")}
      </button>
    </div>
  );
}

function SelectionControls(props: { selection: Selection; selectableCount: number }) {
  const t = useTranslations("users.table");
  const { selected, allSelected, toggleAll, clear } = props.selection;
  return (
    <>
      <label className="flex items-center gap-2 text-sm font-medium text-brand-900">
        <input
          type="checkbox"
          checked={allSelected}
          disabled={props.selectableCount === 0}
          onChange={toggleAll}
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
            onClick={clear}
          >
            {t("clear")}
          </button>
        ) : null}
      </p>
    </>
  );
}

function GroupSelect(props: { groups: Group[]; value: string; onChange: (groupId: string) => void }) {
  const t = useTranslations("users.table");
  return (
    <>
      <label htmlFor="bulk-group" className="sr-only">
        {t("groupLabel")}
      </label>
      <select
        id="bulk-group"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className={`${inputClass} sm:w-64`}
      >
        <option value="">{t("chooseGroup")}</option>
        {props.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </>
  );
}
