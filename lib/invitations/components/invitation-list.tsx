"use client";

// The invitations table: status, age, who invited, reminders, intended groups; resend one, or
// select several pending/expired ones and resend them together (a result per invitation).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { adoptInvitationAction, bulkResendAction, resendInvitationAction } from "@/lib/invitations/actions";
import { InvitationStatusBadge } from "@/lib/invitations/components/status-badge";
import { WithdrawInvitationButton } from "@/lib/invitations/components/withdraw-button";
import type { InvitationStatus } from "@/lib/invitations/schemas";
import { Badge, FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

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

interface BulkOutcome {
  id: string;
  email: string;
  outcome: "sent" | "skipped" | "failed";
  message: string;
}

export function InvitationList({ rows, canWrite }: { rows: InvitationRow[]; canWrite: boolean }) {
  const t = useTranslations("invitations");
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, startTransition] = useTransition();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [bulk, setBulk] = useState<BulkOutcome[] | null>(null);
  // Rows still in their cooldown cannot be resent yet, so they cannot be selected either.
  const selectable = rows.filter((r) => r.canResend && r.cooldown === null);
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(r.id));

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const resendOne = (row: InvitationRow) => {
    setError(null);
    setMessage(null);
    setBulk(null);
    setBusyId(row.id);
    startTransition(async () => {
      const result = await resendInvitationAction({ id: row.id });
      setBusyId(null);
      if (!result.ok) {
        setError(t("list.rowError", { email: row.email, error: result.error }));
        return;
      }
      setMessage(t("list.resent", { email: row.email }));
      router.refresh();
    });
  };

  const adoptOne = (row: InvitationRow) => {
    setError(null);
    setMessage(null);
    setBulk(null);
    setBusyId(row.id);
    startTransition(async () => {
      const result = await adoptInvitationAction({ id: row.id });
      setBusyId(null);
      if (!result.ok) {
        setError(t("list.rowError", { email: row.email, error: result.error }));
        return;
      }
      setMessage(t("list.adopted", { email: row.email }));
      router.refresh();
    });
  };

  const resendSelected = () => {
    setError(null);
    setMessage(null);
    setBulk(null);
    startTransition(async () => {
      const result = await bulkResendAction({ ids: [...selected] });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setBulk(result.data.results);
      setSelected(new Set());
      router.refresh();
    });
  };

  return (
    <div>
      {message ? (
        <p
          role="status"
          className="border-b border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-900"
        >
          {message}
        </p>
      ) : null}
      {error ? (
        <div className="border-b border-red-100 px-4 py-3">
          <FormAlert message={error} />
        </div>
      ) : null}
      {bulk ? <BulkResults results={bulk} onClose={() => setBulk(null)} /> : null}
      {canWrite && selectable.length > 0 ? (
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm">
          <label className="flex items-center gap-2 font-medium text-slate-700">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300"
              checked={allSelected}
              onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((r) => r.id)))}
            />
            {t("list.selectAll")}
          </label>
          <span className="text-slate-500" aria-live="polite">
            {t("list.selected", { count: selected.size })}
          </span>
          <button
            type="button"
            className={`${buttonClass.secondary} ml-auto py-1.5`}
            disabled={selected.size === 0 || pending}
            onClick={resendSelected}
          >
            {resendSelectedLabel(t, pending && !busyId, selected.size)}
          </button>
        </div>
      ) : null}
      <table className="w-full text-left text-sm">
        <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase md:not-sr-only md:table-header-group">
          <tr>
            {canWrite ? (
              <th scope="col" className="w-10 py-3 pl-4">
                <span className="sr-only">{t("list.colSelect")}</span>
              </th>
            ) : null}
            <th scope="col" className="px-4 py-3">
              {t("list.colInvitee")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("list.colStatus")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("list.colSent")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("list.colReminders")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("list.colGroups")}
            </th>
            {canWrite ? (
              <th scope="col" className="px-4 py-3 text-right">
                <span className="sr-only">{t("list.colActions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
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
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </td>
              ) : null}
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
              <td className={`md:px-4 md:py-3 md:align-top ${canWrite ? "col-start-2" : "col-span-2"}`}>
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <InvitationStatusBadge status={row.status} />
                  {row.expires ? <span className="text-xs text-slate-500">{expiryText(row, t)}</span> : null}
                </div>
              </td>
              <td
                className={`text-slate-600 md:px-4 md:py-3 md:align-top ${canWrite ? "col-start-2" : "col-span-2"}`}
              >
                <span className="md:hidden">{t("list.sentMobile")} </span>
                <time title={row.sentTitle} className="md:whitespace-nowrap">
                  {row.sent}
                </time>
              </td>
              <td
                className={`text-slate-600 md:px-4 md:py-3 md:align-top ${canWrite ? "col-start-2" : "col-span-2"}`}
              >
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
              <td
                className={`text-slate-600 md:table-cell md:px-4 md:py-3 md:align-top ${row.groups.length ? "" : "hidden"} ${canWrite ? "col-start-2" : "col-span-2"}`}
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
              {canWrite ? (
                <td className="col-start-2 md:px-4 md:py-3 md:text-right md:align-top">
                  {row.canResend ? (
                    <div className="flex flex-row flex-wrap items-baseline gap-x-2 gap-y-0.5 md:flex-col md:items-end">
                      <button
                        type="button"
                        className="text-sm font-medium text-brand-700 hover:underline disabled:cursor-not-allowed disabled:text-slate-500 disabled:no-underline"
                        aria-label={t("list.resendAria", { email: row.email })}
                        disabled={pending || row.cooldown !== null}
                        onClick={() => resendOne(row)}
                      >
                        {busyId === row.id ? t("list.resending") : t("list.resend")}
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
                          onClick={() => adoptOne(row)}
                        >
                          {busyId === row.id ? t("list.adopting") : t("list.adopt")}
                        </button>
                      ) : null}
                    </div>
                  ) : null}
                  {row.status === "pending" || row.status === "expired" ? (
                    <WithdrawInvitationButton id={row.id} email={row.email} />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BulkResults({ results, onClose }: { results: BulkOutcome[]; onClose: () => void }) {
  const t = useTranslations("invitations");
  const sent = results.filter((r) => r.outcome === "sent").length;
  const tone = sent === results.length ? "border-emerald-200 bg-emerald-50" : "border-amber-200 bg-amber-50";
  return (
    <div role="status" className={`border-b px-4 py-3 text-sm ${tone}`} data-testid="bulk-results">
      <div className="flex items-start justify-between gap-3">
        <p className="font-medium text-slate-900">{t("list.bulkSummary", { sent, count: results.length })}</p>
        <button
          type="button"
          onClick={onClose}
          className="text-xs font-medium text-slate-600 hover:underline"
        >
          {t("list.dismiss")}
        </button>
      </div>
      <ul className="mt-2 space-y-1">
        {results.map((r) => (
          <li key={r.id} className="flex flex-wrap gap-x-2">
            <span className={BULK_OUTCOME[r.outcome].className}>{t(BULK_OUTCOME[r.outcome].label)}</span>
            <span className="font-medium break-all text-slate-800">{r.email || r.id}</span>
            {r.outcome !== "sent" ? <span className="text-slate-600">{r.message}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations<"invitations">>;

const BULK_OUTCOME = {
  sent: { className: "text-emerald-700", label: "list.outcomeSent" },
  failed: { className: "text-red-700", label: "list.outcomeFailed" },
  skipped: { className: "text-amber-800", label: "list.outcomeSkipped" },
} as const satisfies Record<BulkOutcome["outcome"], { className: string; label: string }>;

function resendSelectedLabel(t: Translate, busy: boolean, count: number): string {
  if (busy) return t("list.resending");
  return count ? t("list.resendSelectedCount", { count }) : t("list.resendSelected");
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
