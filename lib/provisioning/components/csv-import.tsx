"use client";

import { useTranslations } from "next-intl";

import { FormAlert } from "@/lib/ui/components";
import { cardClass, inputClass, labelClass } from "@/lib/ui/styles";

import { ImportPreviewCard } from "./csv-import-preview";
import { useCsvImport, type CsvImportState } from "./use-csv-import";

export function CsvImport() {
  const state = useCsvImport();
  return (
    <div className="space-y-6">
      <FileCard state={state} />
      {state.preview ? <ImportPreviewCard state={state} preview={state.preview} /> : null}
    </div>
  );
}

/** The file picker, with the preview's "checking" line and its error. */
function FileCard({ state }: { state: CsvImportState }) {
  const t = useTranslations("imports");
  const { busy, error, errorAnchor, chooseFile } = state;
  return (
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
        onChange={(e) => chooseFile(e.target.files?.[0])}
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
  );
}
