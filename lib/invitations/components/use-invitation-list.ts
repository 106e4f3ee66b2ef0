"use client";

// The invitations table's state: which rows are selected, which row's action runs, and the last
// outcome (a message, an error, or the per-invitation results of a bulk resend).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import type { ActionResult } from "@/lib/auth/action";
import { adoptInvitationAction, bulkResendAction, resendInvitationAction } from "@/lib/invitations/actions";
import type { InvitationRow } from "@/lib/invitations/components/invitation-row";

export interface BulkOutcome {
  id: string;
  email: string;
  outcome: "sent" | "skipped" | "failed";
  message: string;
}

/** Rows still in their cooldown cannot be resent yet, so they cannot be selected either. */
function useResendSelection(rows: InvitationRow[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const selectable = rows.filter((r) => r.canResend && r.cooldown === null);
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(selectable.map((r) => r.id)));
  const clear = () => setSelected(new Set());
  return { selected, selectable, allSelected, toggle, toggleAll, clear };
}

export function useInvitationList(rows: InvitationRow[]) {
  const t = useTranslations("invitations");
  const router = useRouter();
  const selection = useResendSelection(rows);
  const [pending, startTransition] = useTransition();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [bulk, setBulk] = useState<BulkOutcome[] | null>(null);

  const clearOutcome = () => {
    setError(null);
    setMessage(null);
    setBulk(null);
  };

  // Resend and adopt share one flow: mark the row busy, run, report per row, refresh.
  const runOnRow = (
    row: InvitationRow,
    action: (input: { id: string }) => Promise<ActionResult<unknown>>,
    successKey: "list.resent" | "list.adopted",
  ) => {
    clearOutcome();
    setBusyId(row.id);
    startTransition(async () => {
      const result = await action({ id: row.id });
      setBusyId(null);
      if (!result.ok) {
        setError(t("list.rowError", { email: row.email, error: result.error }));
        return;
      }
      setMessage(t(successKey, { email: row.email }));
      router.refresh();
    });
  };

  const resendSelected = () => {
    clearOutcome();
    startTransition(async () => {
      const result = await bulkResendAction({ ids: [...selection.selected] });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setBulk(result.data.results);
      selection.clear();
      router.refresh();
    });
  };

  return {
    ...selection,
    pending,
    busyId,
    error,
    message,
    bulk,
    dismissBulk: () => setBulk(null),
    resendOne: (row: InvitationRow) => runOnRow(row, resendInvitationAction, "list.resent"),
    adoptOne: (row: InvitationRow) => runOnRow(row, adoptInvitationAction, "list.adopted"),
    resendSelected,
  };
}
