"use client";

// The invitations table: status, age, who invited, reminders, intended groups; resend one, or
// select several pending/expired ones and resend them together (a result per invitation).
import { useTranslations } from "next-intl";

import { InvitationTableRow, type InvitationRow } from "@/lib/invitations/components/invitation-row";
import { useInvitationList, type BulkOutcome } from "@/lib/invitations/components/use-invitation-list";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export type { InvitationRow } from "@/lib/invitations/components/invitation-row";

type Translate = ReturnType<typeof useTranslations<"invitations">>;

export function InvitationList({ rows, canWrite }: { rows: InvitationRow[]; canWrite: boolean }) {
  const list = useInvitationList(rows);
  return (
    <div>
      {list.message ? (
        <p
          role="status"
          className="border-b border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-900"
        >
          {list.message}
        </p>
      ) : null}
      {list.error ? (
        <div className="border-b border-red-100 px-4 py-3">
          <FormAlert message={list.error} />
        </div>
      ) : null}
      {list.bulk ? <BulkResults results={list.bulk} onClose={list.dismissBulk} /> : null}
      {canWrite && list.selectable.length > 0 ? (
        <SelectionBar
          allSelected={list.allSelected}
          count={list.selected.size}
          busy={list.pending && !list.busyId}
          pending={list.pending}
          onToggleAll={list.toggleAll}
          onResend={list.resendSelected}
        />
      ) : null}
      <table className="w-full text-left text-sm">
        <InvitationTableHead canWrite={canWrite} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <InvitationTableRow
              key={row.id}
              row={row}
              canWrite={canWrite}
              selected={list.selected.has(row.id)}
              pending={list.pending}
              busy={list.busyId === row.id}
              onToggle={() => list.toggle(row.id)}
              onResend={() => list.resendOne(row)}
              onAdopt={() => list.adoptOne(row)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Select all", the count, and "Resend selected" above the table. */
function SelectionBar(props: {
  allSelected: boolean;
  count: number;
  /** The bulk resend (not a single row's action) is running. */
  busy: boolean;
  pending: boolean;
  onToggleAll: () => void;
  onResend: () => void;
}) {
  const t = useTranslations("invitations");
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm">
      <label className="flex items-center gap-2 font-medium text-slate-700">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300"
          checked={props.allSelected}
          onChange={props.onToggleAll}
        />
        {t("list.selectAll")}
      </label>
      <span className="text-slate-500" aria-live="polite">
        {t("list.selected", { count: props.count })}
      </span>
      <button
        type="button"
        className={`${buttonClass.secondary} ml-auto py-1.5`}
        disabled={props.count === 0 || props.pending}
        onClick={props.onResend}
      >
        {resendSelectedLabel(t, props.busy, props.count)}
      </button>
    </div>
  );
}

function InvitationTableHead({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations("invitations");
  return (
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

const BULK_OUTCOME = {
  sent: { className: "text-emerald-700", label: "list.outcomeSent" },
  failed: { className: "text-red-700", label: "list.outcomeFailed" },
  skipped: { className: "text-amber-800", label: "list.outcomeSkipped" },
} as const satisfies Record<BulkOutcome["outcome"], { className: string; label: string }>;

function resendSelectedLabel(t: Translate, busy: boolean, count: number): string {
  if (busy) return t("list.resending");
  return count ? t("list.resendSelectedCount", { count }) : t("list.resendSelected");
}
