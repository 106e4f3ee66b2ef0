"use client";

// Adding many users to one group from the browser: the whole selection is one server action call;
// the server works through it with the allowed ezeep concurrency and answers with a result per user.
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";

import { bulkAddMembershipAction } from "@/lib/memberships/actions";
import { BulkResults, type BulkResultLine } from "@/lib/memberships/components/bulk-results";

export interface BulkRow {
  userId: string;
  label: string;
  detail?: string;
  status: "waiting" | "added" | "already" | "failed";
  error?: string | null;
}

export interface BulkState {
  groupName: string;
  rows: BulkRow[];
  running: boolean;
  /** A failure of the whole call (session ended, group gone, …). */
  error: string | null;
  /** Seconds ezeep asked the portal to wait (HTTP 429 with Retry-After) while it worked. */
  waitedSeconds?: number;
}

function applyResults(
  rows: BulkRow[],
  results: { userId: string; ok: boolean; changed: boolean; error: string | null }[],
) {
  for (const r of results) {
    const row = rows.find((x) => x.userId === r.userId);
    if (!row) continue;
    if (!r.ok) row.status = "failed";
    else row.status = r.changed ? "added" : "already";
    row.error = r.error;
  }
}

export function useBulkAdd(onDone?: () => void) {
  const [state, setState] = useState<BulkState | null>(null);
  const run = useCallback(
    async (group: { id: string; name: string }, users: { id: string; label: string; detail?: string }[]) => {
      const rows: BulkRow[] = users.map((u) => ({
        userId: u.id,
        label: u.label,
        detail: u.detail,
        status: "waiting",
      }));
      setState({ groupName: group.name, rows, running: true, error: null });
      const result = await bulkAddMembershipAction({ groupId: group.id, userIds: users.map((u) => u.id) });
      let error: string | null = null;
      let waitedSeconds = 0;
      if (!result.ok) {
        error = result.error;
        for (const row of rows) {
          row.status = "failed";
          row.error = result.error;
        }
      } else {
        applyResults(rows, result.data.results);
        waitedSeconds = Math.ceil(result.data.throttledMs / 1000);
      }
      setState({ groupName: group.name, rows: [...rows], running: false, error, waitedSeconds });
      onDone?.();
    },
    [onDone],
  );
  return { state, run, clear: () => setState(null) };
}

const STATUS = {
  waiting: { tone: "slate", label: "waiting" },
  added: { tone: "green", label: "added" },
  already: { tone: "blue", label: "already" },
  failed: { tone: "red", label: "failed" },
} as const satisfies Record<BulkRow["status"], { tone: string; label: string }>;

type BulkAddT = ReturnType<typeof useTranslations<"groups.bulkAdd">>;

function countRows(rows: BulkRow[]) {
  const count = (status: BulkRow["status"]) => rows.filter((r) => r.status === status).length;
  return {
    total: rows.length,
    done: rows.length - count("waiting"),
    added: count("added"),
    already: count("already"),
    failed: count("failed"),
  };
}

function rowLine(t: BulkAddT, row: BulkRow): BulkResultLine {
  return {
    key: row.userId,
    body: (
      <>
        <span className="block font-medium text-slate-900">{row.label}</span>
        {row.detail ? <span className="block text-xs break-all text-slate-500">{row.detail}</span> : null}
        {row.error ? <p className="text-xs text-red-700">{row.error}</p> : null}
      </>
    ),
    badge: { tone: STATUS[row.status].tone, label: t(STATUS[row.status].label) },
  };
}

export function BulkProgress({ state, onClose }: { state: BulkState; onClose?: () => void }) {
  const t = useTranslations("groups.bulkAdd");
  return (
    <BulkResults
      label={t("region")}
      testId="bulk-progress"
      head={<BulkProgressHead state={state} />}
      caption={t("resultPerUser")}
      lines={state.rows.map((row) => rowLine(t, row))}
      lineTestId="bulk-row"
      dismiss={!state.running && onClose ? { label: t("dismiss"), onClose } : undefined}
    />
  );
}

/** Title, counts, a progress bar and what held the change up (a failure, ezeep throttling). */
function BulkProgressHead({ state }: { state: BulkState }) {
  const t = useTranslations("groups.bulkAdd");
  const { total, done, added, already, failed } = countRows(state.rows);
  const percent = total ? Math.round((done / total) * 100) : 100;
  return (
    <div className="space-y-2 p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">
          {state.running
            ? t("adding", { group: state.groupName })
            : t("finished", { group: state.groupName })}
        </h3>
        <p className="text-xs text-slate-600" role="status">
          {t("summary", { done, total, added, already, failed })}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label={t("progress")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={`h-full rounded-full transition-all ${failed ? "bg-amber-500" : "bg-brand-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      {state.error ? <p className="text-sm text-red-700">{state.error}</p> : null}
      {state.waitedSeconds ? (
        <p className="text-sm text-amber-800" data-testid="bulk-throttled">
          {t("throttled", { seconds: state.waitedSeconds })}
        </p>
      ) : null}
    </div>
  );
}
