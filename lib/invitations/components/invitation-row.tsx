"use client";

// One row of the invitations table: who was invited (and by whom), status and expiry, when it was
// sent, reminders, intended groups, and — for writers — the select box and the row's actions.
// Below `md` the row stacks into a two-column grid (select box | everything else).
import { useTranslations } from "next-intl";

import { InvitationStatusBadge } from "@/lib/invitations/components/status-badge";
import { WithdrawInvitationButton } from "@/lib/invitations/components/withdraw-button";
import type { InvitationStatus } from "@/lib/invitations/schemas";
import { Badge } from "@/lib/ui/components";

export interface InvitationRow {
  id: string;
  email: string;
  role: "user" | "admin";
  status: InvitationStatus;
  origin: "portal" | "ezeep";
  sent: string;
  sentTitle: string;
  invitedBy: string | null;
  expires: string | null;
  reminders: number;
  lastReminded: string | null;
  nextReminder: string | null;
  groups: string[];
  groupsApplied: boolean;
  canResend: boolean;
  /** Found in ezeep, not sent by the portal, not adopted yet: no automatic reminders until adopted. */
  canAdopt: boolean;
  /** e.g. "in 42 minutes" while the cooldown runs */
  cooldown: string | null;
}

type Translate = ReturnType<typeof useTranslations<"invitations">>;

export interface InvitationRowProps {
  row: InvitationRow;
  canWrite: boolean;
  selected: boolean;
  /** An action is running somewhere in the list: every row's buttons wait. */
  pending: boolean;
  /** This row's own action is the one running. */
  busy: boolean;
  onToggle: () => void;
  onResend: () => void;
  onAdopt: () => void;
}

/** Grid placement of a cell after the first: beside the select box, or across both columns. */
function stackedColumn(canWrite: boolean): string {
  return canWrite ? "col-start-2" : "col-span-2";
}

export function InvitationTableRow(props: InvitationRowProps) {
  const { row, canWrite } = props;
  const t = useTranslations("invitations");
  return (
    <tr
      data-testid="invitation-row"
      className="grid grid-cols-[auto_1fr] items-start gap-x-3 gap-y-1.5 px-4 py-3 hover:bg-slate-50 md:table-row md:px-0 md:py-0"
    >
      {canWrite ? (
        <td className="row-span-5 pt-0.5 md:py-3 md:pl-4 md:align-top">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 disabled:opacity-30"
            aria-label={t("list.selectRow", { email: row.email })}
            disabled={!row.canResend || row.cooldown !== null}
            checked={props.selected}
            onChange={props.onToggle}
          />
        </td>
      ) : null}
      <InviteeCell row={row} canWrite={canWrite} />
      <td className={`md:px-4 md:py-3 md:align-top ${stackedColumn(canWrite)}`}>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <InvitationStatusBadge status={row.status} />
          {row.expires ? <span className="text-xs text-slate-500">{expiryText(row, t)}</span> : null}
        </div>
      </td>
      <td className={`text-slate-600 md:px-4 md:py-3 md:align-top ${stackedColumn(canWrite)}`}>
        <span className="md:hidden">{t("list.sentMobile")} </span>
        <time title={row.sentTitle} className="md:whitespace-nowrap">
          {row.sent}
        </time>
      </td>
      <RemindersCell row={row} canWrite={canWrite} />
      <GroupsCell row={row} canWrite={canWrite} />
      {canWrite ? <RowActionsCell {...props} /> : null}
    </tr>
  );
}

function InviteeCell({ row, canWrite }: { row: InvitationRow; canWrite: boolean }) {
  const t = useTranslations("invitations");
  return (
    <td className={`min-w-0 md:px-4 md:py-3 md:align-top ${canWrite ? "" : "col-span-2"}`}>
      <p className="font-medium break-words text-slate-900">{row.email}</p>
      <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
        {row.role === "admin" ? <Badge tone="violet">{t("list.ezeepAdmin")}</Badge> : null}
        {row.origin === "ezeep" ? (
          <Badge tone="slate" title={t("list.fromEzeepTitle")}>
            {t("list.fromEzeep")}
          </Badge>
        ) : (
          <span>{t("list.invitedBy", { name: row.invitedBy ?? t("list.unknownInviter") })}</span>
        )}
      </p>
    </td>
  );
}

function RemindersCell({ row, canWrite }: { row: InvitationRow; canWrite: boolean }) {
  const t = useTranslations("invitations");
  return (
    <td className={`text-slate-600 md:px-4 md:py-3 md:align-top ${stackedColumn(canWrite)}`}>
      <span className="md:hidden">{t("list.remindersMobile")} </span>
      {row.reminders}
      {row.lastReminded ? (
        <span className="text-xs text-slate-500 md:whitespace-nowrap">
          {" · "}
          {t("list.lastReminder", { time: row.lastReminded })}
        </span>
      ) : null}
      {row.nextReminder ? (
        <span className="text-xs text-slate-500 md:block md:whitespace-nowrap">
          <span className="md:hidden"> · </span>
          {t("list.nextReminder", { time: row.nextReminder })}
        </span>
      ) : null}
    </td>
  );
}

function GroupsCell({ row, canWrite }: { row: InvitationRow; canWrite: boolean }) {
  return (
    <td
      className={`text-slate-600 md:table-cell md:px-4 md:py-3 md:align-top ${row.groups.length ? "" : "hidden"} ${stackedColumn(canWrite)}`}
    >
      {row.groups.length ? (
        <div className="flex flex-wrap items-center gap-1">
          {row.groups.map((g) => (
            <Badge key={g} tone="blue">
              {g}
            </Badge>
          ))}
          <GroupsState row={row} />
        </div>
      ) : (
        <span className="text-slate-500">—</span>
      )}
    </td>
  );
}

function RowActionsCell({ row, pending, busy, onResend, onAdopt }: InvitationRowProps) {
  const t = useTranslations("invitations");
  return (
    <td className="col-start-2 md:px-4 md:py-3 md:text-right md:align-top">
      {row.canResend ? (
        <div className="flex flex-row flex-wrap items-baseline gap-x-2 gap-y-0.5 md:flex-col md:items-end">
          <button
            type="button"
            className="text-sm font-medium text-brand-700 hover:underline disabled:cursor-not-allowed disabled:text-slate-500 disabled:no-underline"
            aria-label={t("list.resendAria", { email: row.email })}
            disabled={pending || row.cooldown !== null}
            onClick={onResend}
          >
            {busy ? t("list.resending") : t("list.resend")}
          </button>
          {row.cooldown ? (
            <span className="text-xs text-slate-500 md:whitespace-nowrap">
              {t("list.possible", { time: row.cooldown })}
            </span>
          ) : null}
          {row.canAdopt ? (
            <button
              type="button"
              className="text-sm font-medium text-brand-700 hover:underline disabled:cursor-not-allowed disabled:text-slate-400"
              aria-label={t("list.adoptAria", { email: row.email })}
              title={t("list.adoptTitle")}
              disabled={pending}
              onClick={onAdopt}
            >
              {busy ? t("list.adopting") : t("list.adopt")}
            </button>
          ) : null}
        </div>
      ) : null}
      {row.status === "pending" || row.status === "expired" ? (
        <WithdrawInvitationButton id={row.id} email={row.email} />
      ) : null}
    </td>
  );
}

function expiryText(row: InvitationRow, t: Translate): string | null {
  const time = row.expires ?? "";
  if (row.status === "expired") return t("list.expiredAgo", { time });
  return row.status === "pending" ? t("list.expiresIn", { time }) : null;
}

function GroupsState({ row }: { row: InvitationRow }) {
  const t = useTranslations("invitations");
  if (row.status !== "accepted")
    return <span className="text-xs text-slate-500">{t("list.onAcceptance")}</span>;
  if (row.groupsApplied) return <span className="text-xs text-emerald-700">{t("list.groupsAdded")}</span>;
  return <span className="text-xs text-amber-700">{t("list.groupsBeingAdded")}</span>;
}
