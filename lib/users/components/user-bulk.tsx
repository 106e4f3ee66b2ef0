"use client";

// The users list's bulk removal from a group and bulk resend of invitations: one server action
// per selection, a result per user, and after a removal a toast whose "Undo" adds exactly the
// removed users back to the group (audited like any bulk add).
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

const OUTCOME: Record<
  UserBulkResult["outcome"],
  { tone: "green" | "blue" | "slate" | "red"; label: string }
> = {
  done: { tone: "green", label: "Done" },
  unchanged: { tone: "blue", label: "No change" },
  skipped: { tone: "slate", label: "Skipped" },
  failed: { tone: "red", label: "Failed" },
};

export function useUserBulk(onDone: () => void) {
  const [state, setState] = useState<UserBulkState | null>(null);
  const [undo, setUndo] = useState<UndoOffer | null>(null);

  const removeFromGroup = useCallback(
    async (group: { id: string; name: string }, userIds: string[]) => {
      setUndo(null);
      setState({ title: `Removing from “${group.name}”…`, running: true, error: null, results: [] });
      const result = await bulkRemoveFromGroupAction({ groupId: group.id, userIds });
      if (!result.ok) {
        setState({
          title: `Not removed from “${group.name}”`,
          running: false,
          error: result.error,
          results: [],
        });
        return;
      }
      const removed = result.data.results.filter((r) => r.outcome === "done").map((r) => r.userId);
      setState({
        title: `Removed from “${group.name}”`,
        running: false,
        error: null,
        results: result.data.results,
      });
      if (removed.length > 0) setUndo({ group, userIds: removed });
      onDone();
    },
    [onDone],
  );

  const resendInvitations = useCallback(
    async (userIds: string[]) => {
      setUndo(null);
      setState({ title: "Resending invitations…", running: true, error: null, results: [] });
      const result = await bulkResendForUsersAction({ userIds });
      setState(
        result.ok
          ? { title: "Invitations resent", running: false, error: null, results: result.data.results }
          : { title: "Invitations not resent", running: false, error: result.error, results: [] },
      );
      if (result.ok) onDone();
    },
    [onDone],
  );

  const undoRemoval = useCallback(async () => {
    if (!undo) return;
    const offer = undo;
    setUndo(null);
    setState({ title: `Adding back to “${offer.group.name}”…`, running: true, error: null, results: [] });
    const result = await bulkAddMembershipAction({ groupId: offer.group.id, userIds: offer.userIds });
    if (!result.ok) {
      setState({ title: "Undo failed", running: false, error: result.error, results: [] });
      return;
    }
    const results: UserBulkResult[] = result.data.results.map((r) => ({
      userId: r.userId,
      label: r.label,
      outcome: r.ok ? "done" : "failed",
      message: r.ok ? `Back in ${offer.group.name}.` : (r.error ?? "Failed."),
    }));
    setState({ title: `Undone: added back to “${offer.group.name}”`, running: false, error: null, results });
    onDone();
  }, [undo, onDone]);

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
  const count = (o: UserBulkResult["outcome"]) => state.results.filter((r) => r.outcome === o).length;
  return (
    <section
      aria-label="Bulk action results"
      data-testid="user-bulk-results"
      className="mb-4 rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 p-4">
        <h3 className="text-sm font-semibold text-slate-900">{state.title}</h3>
        <p className="text-xs text-slate-600" role="status">
          {state.running
            ? "Working…"
            : `${count("done")} done · ${count("unchanged")} no change · ${count("skipped")} skipped · ${count("failed")} failed`}
        </p>
        {state.error ? <p className="basis-full text-sm text-red-700">{state.error}</p> : null}
      </div>
      {state.results.length > 0 ? (
        <div className="max-h-72 overflow-y-auto border-t border-slate-100">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Result per user</caption>
            <tbody className="divide-y divide-slate-100">
              {state.results.map((r) => (
                <tr key={r.userId} data-testid="user-bulk-row">
                  <td className="min-w-0 px-4 py-2">
                    <span className="block font-medium break-all text-slate-900">{r.label}</span>
                    <span className="block text-xs text-slate-600">{r.message}</span>
                  </td>
                  <td className="px-4 py-2 text-right align-top whitespace-nowrap">
                    <Badge tone={OUTCOME[r.outcome].tone}>{OUTCOME[r.outcome].label}</Badge>
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
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}

const UNDO_SECONDS = 20;

/** The toast after a removal: "Undo" re-adds the removed users; it goes away by itself after a while. */
export function UndoToast(props: { offer: UndoOffer; onUndo: () => void; onDismiss: () => void }) {
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
      <span className="min-w-0 flex-1">
        Removed {n === 1 ? "1 person" : `${n} people`} from “{props.offer.group.name}”.
      </span>
      <button type="button" onClick={props.onUndo} className="text-brand-200 font-semibold hover:underline">
        Undo
      </button>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss"
        className="text-slate-300 hover:text-white"
      >
        ✕
      </button>
    </div>
  );
}
