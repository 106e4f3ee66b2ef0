"use client";

// The import page's state. The preview is one action call (pending state, error line, focus);
// applying is a loop of chunked calls with its own progress and its own stop message.
import { useTranslations } from "next-intl";
import { useState } from "react";

import { applyImportAction, previewImportAction } from "@/lib/provisioning/actions";
import type { ImportPreview, ImportRowResult } from "@/lib/provisioning/csv";
import { useActionForm } from "@/lib/ui/use-action-form";

import { downloadImportReport, importReportCsv } from "./csv-import-report";

const CHUNK = 100;
const MAX_FILE_BYTES = 1_000_000;

export type ImportProgress = { done: number; total: number };
/** Which of the two long operations is running, if any (both disable the page's controls). */
export type ImportBusy = "preview" | "apply" | null;
export type CsvImportState = ReturnType<typeof useCsvImport>;

/** Applies rows [0, total) in chunks of CHUNK, stopping at the first call that fails. */
function useChunkedApply() {
  const t = useTranslations("imports");
  const [applying, setApplying] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [results, setResults] = useState<ImportRowResult[] | null>(null);
  const [stopped, setStopped] = useState<string | null>(null);

  const clear = () => {
    setResults(null);
    setProgress(null);
    setStopped(null);
  };

  const apply = async (csv: string, total: number) => {
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

  return { applying, progress, results, stopped, clear, apply };
}

export function useCsvImport() {
  const t = useTranslations("imports");
  const [fileName, setFileName] = useState<string | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const checking = useActionForm();
  const applying = useChunkedApply();
  let busy: ImportBusy = null;
  if (checking.pending) busy = "preview";
  else if (applying.applying) busy = "apply";

  const chooseFile = async (file: File | undefined) => {
    setPreview(null);
    applying.clear();
    checking.reset();
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return checking.setError(t("form.tooLarge"));
    const text = await file.text();
    setFileName(file.name);
    setCsv(text);
    checking.run(
      () => previewImportAction({ csv: text }),
      (data) => {
        if (data.fileError) checking.setError(data.fileError);
        else setPreview(data);
      },
    );
  };

  const apply = async () => {
    if (!csv || !preview) return;
    await applying.apply(csv, preview.users.length);
  };

  const download = () =>
    downloadImportReport(importReportCsv(applying.results ?? [], preview?.invalid ?? []), fileName);

  const { progress, results, stopped } = applying;
  const { error, errorAnchor } = checking;
  return {
    fileName,
    preview,
    busy,
    error,
    errorAnchor,
    progress,
    results,
    stopped,
    chooseFile,
    apply,
    download,
  };
}
