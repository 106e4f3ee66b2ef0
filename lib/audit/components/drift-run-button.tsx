"use client";

// "Check ezeep now": runs the drift check for this organization at once (owners and auditors)
// and says what it found; the changes themselves appear in the log below after a refresh.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { runDriftAction } from "@/lib/audit/actions";
import { buttonClass } from "@/lib/ui/styles";

type Result = Awaited<ReturnType<typeof runDriftAction>>;

function summary(data: { firstSnapshot: boolean; recorded: number; explained: number; deferred: number }) {
  if (data.firstSnapshot)
    return "First snapshot taken: changes made outside the portal are recorded from now on.";
  const found =
    data.recorded === 0
      ? "No changes made outside the portal."
      : `${data.recorded} change${data.recorded === 1 ? "" : "s"} made outside the portal recorded.`;
  const waiting =
    data.deferred > 0 ? ` ${data.deferred} still in progress in the portal, checked next time.` : "";
  return found + waiting;
}

export function DriftRunButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);
  const run = () =>
    startTransition(async () => {
      const next = await runDriftAction({});
      setResult(next);
      if (next.ok && next.data.recorded > 0) router.refresh();
    });
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <button type="button" className={buttonClass.secondary} disabled={pending} onClick={run}>
        {pending ? "Checking ezeep…" : "Check ezeep now"}
      </button>
      {result?.ok ? (
        <p
          role="status"
          data-testid="drift-result"
          className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800"
        >
          {summary(result.data)}
        </p>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" data-testid="drift-result" className="text-sm text-red-700">
          {result.error}
        </p>
      ) : null}
    </div>
  );
}
