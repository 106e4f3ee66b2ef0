"use client";

// The users list's bulk removal from a group and bulk resend of invitations: one server action
// per selection, a result per user, and after a removal a toast whose "Undo" adds exactly the
// removed users back to the group (audited like any bulk add).
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";

import { bulkAddMembershipAction } from "@/lib/memberships/actions";
import { BulkResults, type BulkResultLine } from "@/lib/memberships/components/bulk-results";
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

type BulkT = ReturnType<typeof useTranslations<"users.bulk">>;

/** A panel state: finished, without error or results unless `patch` says otherwise. */
function panel(title: string, patch: Partial<Omit<UserBulkState, "title">> = {}): UserBulkState {
  return { title, running: false, error: null, results: [], ...patch };
}

/** The bulk add's answer to "Undo", worded as users back in the group. */
function addedBackResults(
  t: BulkT,
  groupName: string,
  results: { userId: string; label: string; ok: boolean; error: string | null }[],
): UserBulkResult[] {
  return results.map((r) => ({
    userId: r.userId,
    label: r.label,
    outcome: r.ok ? "done" : "failed",
    message: r.ok ? t("backIn", { group: groupName }) : (r.error ?? t("failed")),
  }));
}

export function useUserBulk(onDone: () => void) {
  const t = useTranslations("users.bulk");
  const [state, setState] = useState<UserBulkState | null>(null);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const start = useCallback((title: string) => {
    setUndo(null);
    setState(panel(title, { running: true }));
  }, []);

  const removeFromGroup = useCallback(
    async (group: { id: string; name: string }, userIds: string[]) => {
      start(t("removing", { group: group.name }));
      const result = await bulkRemoveFromGroupAction({ groupId: group.id, userIds });
      if (!result.ok) {
        setState(panel(t("notRemoved", { group: group.name }), { error: result.error }));
        return;
      }
      const removed = result.data.results.filter((r) => r.outcome === "done").map((r) => r.userId);
      setState(panel(t("removed", { group: group.name }), { results: result.data.results }));
      if (removed.length > 0) setUndo({ group, userIds: removed });
      onDone();
    },
    [onDone, start, t],
  );

  const resendInvitations = useCallback(
    async (userIds: string[]) => {
      start(t("resending"));
      const result = await bulkResendForUsersAction({ userIds });
      setState(
        result.ok
          ? panel(t("resent"), { results: result.data.results })
          : panel(t("notResent"), { error: result.error }),
      );
      if (result.ok) onDone();
    },
    [onDone, start, t],
  );

  const undoRemoval = useCallback(async () => {
    if (!undo) return;
    const { group, userIds } = undo;
    start(t("addingBack", { group: group.name }));
    const result = await bulkAddMembershipAction({ groupId: group.id, userIds });
    if (!result.ok) {
      setState(panel(t("undoFailed"), { error: result.error }));
      return;
    }
    const results = addedBackResults(t, group.name, result.data.results);
    setState(panel(t("undone", { group: group.name }), { results }));
    onDone();
  }, [undo, onDone, start, t]);

  const dismissUndo = useCallback(() => setUndo(null), []);
  const clear = useCallback(() => setState(null), []);
  const running = state?.running ?? false;
  return { state, undo, running, removeFromGroup, resendInvitations, undoRemoval, dismissUndo, clear };
}

export function UserBulkResults({ state, onClose }: { state: UserBulkState; onClose: () => void }) {
  const t = useTranslations("users.bulk");
  const count = (o: UserBulkResult["outcome"]) => state.results.filter((r) => r.outcome === o).length;
  const summary = t("summary", {
    done: count("done"),
    unchanged: count("unchanged"),
    skipped: count("skipped"),
    failed: count("failed"),
  });
  const head = (
    <div className="flex flex-wrap items-baseline justify-between gap-2 p-4">
      <h3 className="text-sm font-semibold text-slate-900">{state.title}</h3>
      <p className="text-xs text-slate-600" role="status">
        {state.running ? t("working") : summary}
      </p>
      {state.error ? <p className="basis-full text-sm text-red-700">{state.error}</p> : null}
    </div>
  );
  return (
    <BulkResults
      label={t("resultsRegion")}
      testId="user-bulk-results"
      className="mb-4"
      head={head}
      caption={t("resultPerUser")}
      lines={state.results.map((r) => resultLine(t, r))}
      lineTestId="user-bulk-row"
      dismiss={state.running ? undefined : { label: t("dismiss"), onClose }}
    />
  );
}

function resultLine(t: BulkT, result: UserBulkResult): BulkResultLine {
  return {
    key: result.userId,
    body: (
      <>
        <span className="block font-medium break-all text-slate-900">{result.label}</span>
        <span className="block text-xs text-slate-600">{result.message}</span>
      </>
    ),
    badge: { tone: OUTCOME[result.outcome].tone, label: t(OUTCOME[result.outcome].label) },
  };
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
