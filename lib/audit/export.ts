// Streaming export of the filtered audit entries as CSV or JSON: keyset batches pulled on demand
// (ReadableStream pull = backpressure), so memory stays flat however many rows there are.
import "server-only";

import { auditBatches, type AuditFilters, type AuditScope } from "@/lib/audit/queries";
import type { AuditEntry } from "@/lib/generated/sqlite/client";

export type ExportFormat = "csv" | "json";

export const EXPORT_COLUMNS = [
  "id",
  "at",
  "organizationId",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "targetLabel",
  "outcome",
  "ezeepStatus",
  "error",
  "ip",
  "userAgent",
  "requestId",
  "completedAt",
  "before",
  "after",
  "chainSeq",
  "prevHash",
  "hash",
] as const satisfies readonly (keyof AuditEntry)[];

/** One CSV field (RFC 4180), with text that a spreadsheet would run as a formula neutralized. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(entry: AuditEntry): string {
  return EXPORT_COLUMNS.map((c) => csvField(entry[c])).join(",") + "\r\n";
}

function jsonEntry(entry: AuditEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of EXPORT_COLUMNS) {
    const v = entry[c];
    if ((c === "before" || c === "after") && typeof v === "string") {
      try {
        out[c] = JSON.parse(v);
        continue;
      } catch {
        // kept as text
      }
    }
    out[c] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

export function exportStream(
  scope: AuditScope,
  filters: AuditFilters,
  format: ExportFormat,
  batchSize = 1_000,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditBatches(scope, filters, batchSize);
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(
            encoder.encode(format === "csv" ? "\uFEFF" + EXPORT_COLUMNS.join(",") + "\r\n" : "[\n"),
          );
          return;
        }
        try {
          const next = await batches.next();
          if (next.done) {
            if (format === "json") controller.enqueue(encoder.encode("\n]\n"));
            controller.close();
            return;
          }
          let chunk = "";
          for (const entry of next.value) {
            if (format === "csv") chunk += csvRow(entry);
            else {
              chunk += (first ? "" : ",\n") + JSON.stringify(jsonEntry(entry));
              first = false;
            }
          }
          controller.enqueue(encoder.encode(chunk));
        } catch (err) {
          controller.error(err);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

export function exportFilename(label: string, format: ExportFormat, now = new Date()): string {
  const slug =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "portal";
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `audit-${slug}-${stamp}.${format}`;
}
