"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { applyImportAction, previewImportAction } from "@/lib/provisioning/actions";
import type { ImportPreview, ImportRowResult } from "@/lib/provisioning/csv";
import { Badge, FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

const CHUNK = 100;
/** The report's outcome column: English on purpose, like its header (a file for tools and tickets). */
const REPORT_OUTCOME: Record<ImportRowResult["outcome"], string> = {
  added: "Added to group",
  unchanged: "No change needed",
  invited: "Invited",
  invitation_updated: "Added to invitation",
  failed: "Failed",
  skipped: "Skipped",
};
const OUTCOME_KEY = {
  added: "added",
  unchanged: "unchanged",
  invited: "invited",
  invitation_updated: "invitationUpdated",
  failed: "failed",
  skipped: "skipped",
} as const satisfies Record<ImportRowResult["outcome"], string>;

function csvField(v: string | number | null): string {
  const s = String(v ?? "");
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function CsvImport() {
  const t = useTranslations("imports");
  const [fileName, setFileName] = useState<string | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // The preview is one action call (pending state, error line, focus); applying is a loop of
  // chunked calls with its own progress and its own stop message.
  const checking = useActionForm();
  const { pending: previewing, error, errorAnchor } = checking;
  const [applying, setApplying] = useState(false);
  let busy: "preview" | "apply" | null = null;
  if (previewing) busy = "preview";
  else if (applying) busy = "apply";
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<ImportRowResult[] | null>(null);
  const [stopped, setStopped] = useState<string | null>(null);

  const reset = () => {
    setPreview(null);
    setResults(null);
    setProgress(null);
    setStopped(null);
    checking.reset();
  };

  const runPreview = (text: string) =>
    checking.run(
      () => previewImportAction({ csv: text }),
      (data) => {
        if (data.fileError) checking.setError(data.fileError);
        else setPreview(data);
      },
    );

  const apply = async () => {
    if (!csv || !preview) return;
    const total = preview.users.length;
    setApplying(true);
    setResults([]);
    setStopped(null);
    setProgress({ done: 0, total });
    const all: ImportRowResult[] = [];
    for (let from = 0; from < total; from += CHUNK) {
      const r = await applyImportAction({ csv, from, to: Math.min(total, from + CHUNK) });
      if (!r.ok) {
        setStopped(t("apply.stopped", { done: from, total, error: r.error }));
        break;
      }
      all.push(...r.data.results);
      setResults([...all]);
      setProgress({ done: Math.min(total, from + CHUNK), total });
    }
    setApplying(false);
  };

  const download = () => {
    const lines = ["line,group,email,outcome,error"];
    for (const r of results ?? [])
      lines.push([r.line, r.group, r.email, REPORT_OUTCOME[r.outcome], r.error].map(csvField).join(","));
    for (const i of preview?.invalid ?? [])
      lines.push([i.line, "", "", "Invalid row", i.reason].map(csvField).join(","));
    const url = URL.createObjectURL(new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `import-report-${(fileName ?? "file").replace(/\.csv$/i, "")}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const failed = results?.filter((r) => r.outcome === "failed").length ?? 0;
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <div className="space-y-6">
      <div className={`${cardClass} space-y-3 p-4 sm:p-6`}>
        <label htmlFor="csv-file" className={labelClass}>
          {t("form.file")}
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          disabled={busy !== null}
          className={`${inputClass} file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm file:font-medium`}
          onChange={async (e) => {
            reset();
            const file = e.target.files?.[0];
            if (!file) return;
            if (file.size > 1_000_000) return checking.setError(t("form.tooLarge"));
            const text = await file.text();
            setFileName(file.name);
            setCsv(text);
            runPreview(text);
          }}
        />
        <p className="text-xs text-slate-500">
          {t.rich("form.columns", { mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        </p>
        {busy === "preview" ? (
          <p role="status" className="text-sm text-slate-600">
            {t("form.checking")}
          </p>
        ) : null}
        <FormAlert message={error} ref={errorAnchor} />
      </div>

      {preview ? (
        <div className={`${cardClass} overflow-hidden`}>
          <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
            <h2 className="text-base font-semibold text-slate-900">
              {t("preview.title", { file: fileName ?? "" })}
            </h2>
            <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="import-counts">
              {[
                [t("preview.groupsToCreate"), preview.counts.create],
                [t("preview.groupsToUpdate"), preview.counts.update],
                [t("preview.joinGroup"), preview.counts.add],
                [t("preview.toInvite"), preview.counts.invite + preview.counts.invited],
                [t("preview.alreadyMembers"), preview.counts.member],
                [t("preview.invalidRows"), preview.counts.invalid],
              ].map(([label, n]) => (
                <div key={label} className="rounded-lg bg-slate-50 px-3 py-2">
                  <dt className="text-xs text-slate-500">{label}</dt>
                  <dd className="text-lg font-semibold text-slate-900">{n}</dd>
                </div>
              ))}
            </dl>
          </div>
          {preview.groups.length > 0 ? (
            <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
              <h3 className="text-sm font-semibold text-slate-900">{t("preview.groups")}</h3>
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {preview.groups.map((g) => (
                  <li key={g.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                    <span className="min-w-0 flex-1 font-medium text-slate-900">{g.name}</span>
                    <span className="text-slate-500">{t("preview.rows", { count: g.rows })}</span>
                    <GroupActionBadge action={g.action} previousDescription={g.previousDescription} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.invalid.length > 0 ? (
            <div className="border-b border-slate-200 px-4 py-4 sm:px-6" data-testid="invalid-rows">
              <h3 className="text-sm font-semibold text-red-800">{t("preview.invalidHeading")}</h3>
              <ul className="mt-2 space-y-1 text-sm">
                {preview.invalid.map((i) => (
                  <li key={i.line}>
                    <span className="font-medium text-slate-900">{t("preview.line", { line: i.line })}</span>{" "}
                    <span className="text-slate-700">{i.reason}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="max-h-80 overflow-y-auto px-4 py-4 sm:px-6">
            <h3 className="text-sm font-semibold text-slate-900">{t("preview.people")}</h3>
            <table className="mt-2 w-full text-left text-sm">
              <tbody className="divide-y divide-slate-100">
                {preview.users.map((u) => {
                  const done = results?.find((r) => r.line === u.line);
                  return (
                    <tr key={u.line} className="flex flex-wrap gap-x-3 py-1.5 sm:table-row">
                      <td className="text-slate-500 sm:py-1.5 sm:pr-3">{u.line}</td>
                      <td className="min-w-0 font-medium break-all text-slate-900 sm:py-1.5 sm:pr-3">
                        {u.email}
                      </td>
                      <td className="text-slate-600 sm:py-1.5 sm:pr-3">{u.group}</td>
                      <td className="sm:py-1.5">
                        {done ? (
                          <Badge
                            tone={done.outcome === "failed" ? "red" : "green"}
                            title={done.error ?? undefined}
                          >
                            {t(`outcome.${OUTCOME_KEY[done.outcome]}`)}
                          </Badge>
                        ) : (
                          <Badge tone={u.action === "member" ? "slate" : "blue"}>
                            {t(`action.${u.action}`)}
                          </Badge>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="space-y-3 border-t border-slate-200 bg-slate-50 px-4 py-4 sm:px-6">
            {progress ? (
              <div>
                <div className="mb-1 flex justify-between text-xs text-slate-600">
                  <span>{busy === "apply" ? t("apply.applying") : t("apply.applied")}</span>
                  <span>{t("apply.progress", { done: progress.done, total: progress.total })}</span>
                </div>
                <div
                  role="progressbar"
                  aria-label={t("apply.progressLabel")}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={pct}
                  className="h-2 overflow-hidden rounded-full bg-slate-200"
                >
                  <div
                    className="h-full rounded-full bg-brand-600 transition-all"
                    style={{ width: `${pct}%` }}
                  />
                </div>
              </div>
            ) : null}
            {stopped ? <FormAlert message={stopped} /> : null}
            {results && busy === null && !stopped ? (
              <p role="status" className="text-sm text-slate-700">
                {failed
                  ? t("apply.doneWithFailures", { applied: results.length - failed, failed })
                  : t("apply.done", { applied: results.length })}
              </p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                className={buttonClass.primary}
                disabled={busy !== null || preview.users.length === 0}
                onClick={apply}
              >
                {results ? t("apply.again") : t("apply.submit", { count: preview.users.length })}
              </button>
              {results ? (
                <button
                  type="button"
                  className={buttonClass.secondary}
                  onClick={download}
                  disabled={busy !== null}
                >
                  {t("apply.report")}
                </button>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function GroupActionBadge(props: { action: string; previousDescription: string | null }) {
  const t = useTranslations("imports.preview");
  if (props.action === "create") return <Badge tone="green">{t("create")}</Badge>;
  if (props.action === "update")
    return (
      <Badge tone="amber" title={t("was", { description: props.previousDescription ?? "" })}>
        {t("update")}
      </Badge>
    );
  return <Badge>{t("exists")}</Badge>;
}
