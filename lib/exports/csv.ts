// CSV for the list exports: RFC 4180 rows (the same field rules as the audit export, so text a
// spreadsheet would run as a formula is neutralized), streamed in batches so a large list is
// never one big string in memory.
import { csvField } from "@/lib/audit/export";

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

const BATCH_ROWS = 200;

export function csvLine(fields: readonly unknown[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** A byte stream of the header line and then the rows, a batch per pull. */
export function csvStream<T>(
  columns: readonly CsvColumn<T>[],
  rows: readonly T[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!headerSent) {
          headerSent = true;
          // A byte order mark, so spreadsheet programs read the file as UTF-8 (names with umlauts).
          controller.enqueue(encoder.encode("\uFEFF" + csvLine(columns.map((c) => c.header))));
          return;
        }
        if (next >= rows.length) {
          controller.close();
          return;
        }
        const batch = rows.slice(next, next + BATCH_ROWS);
        next += batch.length;
        controller.enqueue(
          encoder.encode(batch.map((r) => csvLine(columns.map((c) => c.value(r)))).join("")),
        );
      },
    },
    { highWaterMark: 1 },
  );
}

export function exportFilename(kind: string, organizationName: string, now = new Date()): string {
  const slug =
    organizationName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "organization";
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `${kind}-${slug}-${stamp}.csv`;
}
