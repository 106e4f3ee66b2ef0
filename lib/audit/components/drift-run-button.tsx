"use client";

// "Check ezeep now": runs the drift check for this organization at once (owners and auditors)
// and says what it found; the changes themselves appear in the log below after a refresh.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { runDriftAction } from "@/lib/audit/actions";
import { buttonClass } from "@/lib/ui/styles";

type Result = Awaited<ReturnType<typeof runDriftAction>>;

type DriftT = ReturnType<typeof useTranslations<"audit.drift">>;

function summary(
  t: DriftT,
  data: { firstSnapshot: boolean; recorded: number; explained: number; deferred: number },
) {
  if (data.firstSnapshot) return t("firstSnapshot");
  const found = data.recorded === 0 ? t("none") : t("recorded", { count: data.recorded });
  const waiting = data.deferred > 0 ? ` ${t("deferred", { count: data.deferred })}` : "";
  return found + waiting;
}

export function DriftRunButton() {
  const t = useTranslations("audit.drift");
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
        {pending ? t("checking") : t("button")}
      </button>
      {result?.ok ? (
        <p
          role="status"
          data-testid="drift-result"
          className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800"
        >
          {summary(t, result.data)}
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
