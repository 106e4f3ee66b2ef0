// The downloadable report of a CSV import: one line per applied row, then one per invalid row.
import type { ImportPreview, ImportRowResult } from "@/lib/provisioning/csv";

/** The report's outcome column: English on purpose, like its header (a file for tools and tickets). */
const REPORT_OUTCOME: Record<ImportRowResult["outcome"], string> = {
  added: "Added to group",
  unchanged: "No change needed",
  invited: "Invited",
  invitation_updated: "Added to invitation",
  failed: "Failed",
  skipped: "Skipped",
};

function csvField(v: string | number | null): string {
  const s = String(v ?? "");
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report as CSV text (CRLF line ends, fields quoted only when they need it). */
export function importReportCsv(results: ImportRowResult[], invalid: ImportPreview["invalid"]): string {
  const lines = ["line,group,email,outcome,error"];
  for (const r of results)
    lines.push([r.line, r.group, r.email, REPORT_OUTCOME[r.outcome], r.error].map(csvField).join(","));
  for (const i of invalid) lines.push([i.line, "", "", "Invalid row", i.reason].map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** Hands the report to the browser as `import-report-<file name without .csv>.csv`. */
export function downloadImportReport(csv: string, fileName: string | null) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `import-report-${(fileName ?? "file").replace(/\.csv$/i, "")}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
