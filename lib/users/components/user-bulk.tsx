"use client";

// The users list's bulk removal from a group and bulk resend of invitations: one server action
// per selection, a result per user, and after a removal a toast whose "Undo" adds exactly the
// removed users back to the group (audited like any bulk add).
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";

import { bulkAddMembershipAction } from "@/lib/memberships/actions";
import { Badge } from "@/lib/ui/components";
import {
  bulkRemoveFromGroupAction,
  bulkResendForUsersAction,
  type UserBulkResult,
} from "@/lib/users/bulk-actions";

export interface UserBulkState {
  title: string;
  running: boolean;
  error: string | null;
  results: UserBulkResult[];
}

export interface UndoOffer {
  group: { id: string; name: string };
  userIds: string[];
}

const OUTCOME = {
  done: { tone: "green", label: "outcomeDone" },
  unchanged: { tone: "blue", label: "outcomeUnchanged" },
  skipped: { tone: "slate", label: "outcomeSkipped" },
  failed: { tone: "red", label: "outcomeFailed" },
} as const satisfies Record<UserBulkResult["outcome"], { tone: string; label: string }>;

export function useUserBulk(onDone: () => void) {
  const t = useTranslations("users.bulk");
  const [state, setState] = useState<UserBulkState | null>(null);
  const [undo, setUndo] = useState<UndoOffer | null>(null);

  const removeFromGroup = useCallback(
    async (group: { id: string; name: string }, userIds: string[]) => {
      setUndo(null);
      setState({ title: t("removing", { group: group.name }), running: true, error: null, results: [] });
      const result = await bulkRemoveFromGroupAction({ groupId: group.id, userIds });
      if (!result.ok) {
        setState({
          title: t("notRemoved", { group: group.name }),
          running: false,
          error: result.error,
          results: [],
        });
        return;
      }
      const removed = result.data.results.filter((r) => r.outcome === "done").map((r) => r.userId);
      setState({
        title: t("removed", { group: group.name }),
        running: false,
        error: null,
        results: result.data.results,
      });
      if (removed.length > 0) setUndo({ group, userIds: removed });
      onDone();
    },
    [onDone, t],
  );

  const resendInvitations = useCallback(
    async (userIds: string[]) => {
      setUndo(null);
      setState({ title: t("resending"), running: true, error: null, results: [] });
      const result = await bulkResendForUsersAction({ userIds });
      setState(
        result.ok
          ? { title: t("resent"), running: false, error: null, results: result.data.results }
          : { title: t("notResent"), running: false, error: result.error, results: [] },
      );
      if (result.ok) onDone();
    },
    [onDone, t],
  );

  const undoRemoval = useCallback(async () => {
    if (!undo) return;
    const offer = undo;
    setUndo(null);
    setState({
      title: t("addingBack", { group: offer.group.name }),
      running: true,
      error: null,
      results: [],
    });
    const result = await bulkAddMembershipAction({ groupId: offer.group.id, userIds: offer.userIds });
    if (!result.ok) {
      setState({ title: t("undoFailed"), running: false, error: result.error, results: [] });
      return;
    }
    const results: UserBulkResult[] = result.data.results.map((r) => ({
      userId: r.userId,
      label: r.label,
      outcome: r.ok ? "done" : "failed",
      message: r.ok ? t("backIn", { group: offer.group.name }) : (r.error ?? t("failed")),
    }));
    setState({ title: t("undone", { group: offer.group.name }), running: false, error: null, results });
    onDone();
  }, [undo, onDone, t]);

  const dismissUndo = useCallback(() => setUndo(null), []);
  return {
    state,
    undo,
    running: state?.running ?? false,
    removeFromGroup,
    resendInvitations,
    undoRemoval,
    dismissUndo,
    clear: () => setState(null),
  };
}

export function UserBulkResults({ state, onClose }: { state: UserBulkState; onClose: () => void }) {
  const t = useTranslations("users.bulk");
  const count = (o: UserBulkResult["outcome"]) => state.results.filter((r) => r.outcome === o).length;
  return (
    <section
      aria-label={t("resultsRegion")}
      data-testid="user-bulk-results"
      className="mb-4 rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 p-4">
        <h3 className="text-sm font-semibold text-slate-900">{state.title}</h3>
        <p className="text-xs text-slate-600" role="status">
          {state.running
            ? t("working")
            : t("summary", {
                done: count("done"),
                unchanged: count("unchanged"),
                skipped: count("skipped"),
                failed: count("failed"),
              })}
        </p>
        {state.error ? <p className="basis-full text-sm text-red-700">{state.error}</p> : null}
      </div>
      {state.results.length > 0 ? (
        <div className="max-h-72 overflow-y-auto border-t border-slate-100">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("resultPerUser")}</caption>
            <tbody className="divide-y divide-slate-100">
              {state.results.map((r) => (
                <tr key={r.userId} data-testid="user-bulk-row">
                  <td className="min-w-0 px-4 py-2">
                    <span className="block font-medium break-all text-slate-900">{r.label}</span>
                    <span className="block text-xs text-slate-600">{r.message}</span>
                  </td>
                  <td className="px-4 py-2 text-right align-top whitespace-nowrap">
                    <Badge tone={OUTCOME[r.outcome].tone}>{t(OUTCOME[r.outcome].label)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {state.running ? null : (
        <div className="flex justify-end border-t border-slate-100 bg-slate-50 px-4 py-2">
          <button
            type="button"
            onClick={onClose}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            {t("dismiss")}
          </button>
        </div>
      )}
    </section>
  );
}

const UNDO_SECONDS = 20;
const CLOSE_GLYPH = "✕";

/** The toast after a removal: "Undo" re-adds the removed users; it goes away by itself after a while. */
export function UndoToast(props: { offer: UndoOffer; onUndo: () => void; onDismiss: () => void }) {
  const t = useTranslations("users.bulk");
  const { onDismiss } = props;
  useEffect(() => {
    const timer = setTimeout(onDismiss, UNDO_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [props.offer, onDismiss]);
  const n = props.offer.userIds.length;
  return (
    <div
      role="status"
      data-testid="undo-toast"
      className="fixed right-4 bottom-4 left-4 z-50 flex items-center gap-3 rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-lg sm:left-auto sm:max-w-md"
    >
      <span className="min-w-0 flex-1">{t("toast", { count: n, group: props.offer.group.name })}</span>
      <button type="button" onClick={props.onUndo} className="text-brand-200 font-semibold hover:underline">
        {t("undo")}
      </button>
      <button
        type="button"
        onClick={onDismiss}
        aria-label={t("dismiss")}
        className="text-slate-300 hover:text-white"
      >
        {CLOSE_GLYPH}
      </button>
    </div>
  );
}
