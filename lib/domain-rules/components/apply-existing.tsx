"use client";

// "Apply to existing users": preview the saved rule, then add the users in batches (each batch
// one server call, each user under their own lock) with a progress bar and a result per user.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { applyDomainRuleAction, previewSavedDomainRuleAction } from "@/lib/domain-rules/actions";
import type { UserApplication } from "@/lib/domain-rules/apply";
import { PreviewTable } from "@/lib/domain-rules/components/preview-table";
import type { RulePreview } from "@/lib/domain-rules/service";
import { Badge, FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

const BATCH = 25; // APPLY_BATCH_MAX in lib/domain-rules/schemas.ts

const OUTCOME_TONE = {
  added: "green",
  unchanged: "slate",
  not_yet_accepted: "amber",
  failed: "red",
} as const;

type Progress = { done: number; total: number };

/**
 * The preview of the saved rule and the batched application: `load` reads who would change,
 * `apply` adds them BATCH at a time, stopping at the first failed batch.
 */
function useRuleApplication(ruleId: string) {
  const t = useTranslations("domains.apply");
  const router = useRouter();
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [busy, setBusy] = useState<"preview" | "apply" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
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
        setError(t("stopped", { done: from, total: ids.length, error: r.error }));
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

  return { preview, busy, error, progress, results, load, apply };
}

function ApplyProgress({ progress, applying }: { progress: Progress; applying: boolean }) {
  const t = useTranslations("domains.apply");
  const pct = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-sm text-slate-700">
        <span>{applying ? t("applying") : t("applied")}</span>
        <span>{t("progress", { done: progress.done, total: progress.total })}</span>
      </div>
      <div
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** What happened to each user: the groups added, an error, and the outcome. */
function ApplyResults({ results }: { results: UserApplication[] }) {
  const t = useTranslations("domains.apply");
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm"
      aria-label={t("results")}
    >
      {results.map((r) => (
        <li key={r.userId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
          <span className="text-slate-900">{r.email}</span>
          <span className="flex items-center gap-2 text-slate-600">
            {r.added.length ? r.added.join(", ") : null}
            {r.error ? <span className="text-red-700">{r.error}</span> : null}
            <Badge tone={OUTCOME_TONE[r.outcome]}>{t(`outcome.${r.outcome}`)}</Badge>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ApplyExisting({ ruleId }: { ruleId: string }) {
  const t = useTranslations("domains.apply");
  const { preview, busy, error, progress, results, load, apply } = useRuleApplication(ruleId);
  const toApply = preview?.userIdsToChange.length ?? 0;
  return (
    <div className="space-y-4">
      <FormAlert message={error} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.secondary} disabled={busy !== null} onClick={load}>
          {busy === "preview" ? t("reading") : t("previewExisting")}
        </button>
        {preview ? (
          <button
            type="button"
            className={buttonClass.primary}
            disabled={busy !== null || !toApply}
            onClick={apply}
          >
            {t("applyTo", { count: toApply })}
          </button>
        ) : null}
      </div>
      {preview ? <PreviewTable preview={preview} /> : null}
      {progress ? <ApplyProgress progress={progress} applying={busy === "apply"} /> : null}
      {results.length ? <ApplyResults results={results} /> : null}
    </div>
  );
}
