"use client";

// "Apply to existing users": preview the saved rule, then add the users in batches (each batch
// one server call, each user under their own lock) with a progress bar and a result per user.
import { useRouter } from "next/navigation";
import { useState } from "react";

import { applyDomainRuleAction, previewSavedDomainRuleAction } from "@/lib/domain-rules/actions";
import type { UserApplication } from "@/lib/domain-rules/apply";
import { PreviewTable } from "@/lib/domain-rules/components/preview-table";
import type { RulePreview } from "@/lib/domain-rules/service";
import { Badge, FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

const BATCH = 25; // APPLY_BATCH_MAX in lib/domain-rules/schemas.ts

const OUTCOME = {
  added: { label: "Added", tone: "green" },
  unchanged: { label: "Already in the groups", tone: "slate" },
  not_yet_accepted: { label: "Not accepted yet", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
} as const;

export function ApplyExisting({ ruleId }: { ruleId: string }) {
  const router = useRouter();
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [busy, setBusy] = useState<"preview" | "apply" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<UserApplication[]>([]);

  const load = async () => {
    setBusy("preview");
    setError(null);
    setResults([]);
    setProgress(null);
    const r = await previewSavedDomainRuleAction({ id: ruleId });
    setBusy(null);
    if (r.ok) setPreview(r.data);
    else setError(r.error);
  };

  const apply = async () => {
    if (!preview) return;
    const ids = preview.userIdsToChange;
    setBusy("apply");
    setError(null);
    const collected: UserApplication[] = [];
    setProgress({ done: 0, total: ids.length });
    for (let from = 0; from < ids.length; from += BATCH) {
      const r = await applyDomainRuleAction({ id: ruleId, userIds: ids.slice(from, from + BATCH) });
      if (!r.ok) {
        setError(`Stopped after ${from} of ${ids.length} users: ${r.error} Apply again to continue.`);
        break;
      }
      collected.push(...r.data.results);
      setResults([...collected]);
      setProgress({ done: Math.min(ids.length, from + BATCH), total: ids.length });
    }
    setBusy(null);
    setPreview(null);
    router.refresh();
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const toApply = preview?.userIdsToChange.length ?? 0;
  return (
    <div className="space-y-4">
      <FormAlert message={error} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.secondary} disabled={busy !== null} onClick={load}>
          {busy === "preview" ? "Reading users…" : "Preview existing users"}
        </button>
        {preview ? (
          <button
            type="button"
            className={buttonClass.primary}
            disabled={busy !== null || !toApply}
            onClick={apply}
          >
            Apply to {toApply} user{toApply === 1 ? "" : "s"}
          </button>
        ) : null}
      </div>
      {preview ? <PreviewTable preview={preview} /> : null}
      {progress ? (
        <div className="space-y-1">
          <div className="flex justify-between text-sm text-slate-700">
            <span>{busy === "apply" ? "Applying…" : "Applied"}</span>
            <span>
              {progress.done} / {progress.total} users
            </span>
          </div>
          <div
            role="progressbar"
            aria-label="Apply progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
        </div>
      ) : null}
      {results.length ? (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm"
          aria-label="Results"
        >
          {results.map((r) => (
            <li key={r.userId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span className="text-slate-900">{r.email}</span>
              <span className="flex items-center gap-2 text-slate-600">
                {r.added.length ? r.added.join(", ") : null}
                {r.error ? <span className="text-red-700">{r.error}</span> : null}
                <Badge tone={OUTCOME[r.outcome].tone}>{OUTCOME[r.outcome].label}</Badge>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
