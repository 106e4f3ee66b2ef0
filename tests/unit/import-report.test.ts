// The CSV import's downloadable report: English outcome words, quoting only where needed, CRLF.
import { describe, expect, it } from "vitest";

import { importReportCsv } from "@/lib/provisioning/components/csv-import-report";
import { parseCsv } from "@/lib/provisioning/csv";

describe("importReportCsv", () => {
  it("writes the header, applied rows and invalid rows with CRLF line ends", () => {
    const report = importReportCsv(
      [
        { line: 2, group: "Sales", email: "a@b.example", outcome: "added", error: null },
        { line: 3, group: "Sales", email: "c@b.example", outcome: "invitation_updated", error: null },
      ],
      [{ line: 4, reason: "No email address", raw: "Sales," }],
    );
    expect(report).toBe(
      "line,group,email,outcome,error\r\n" +
        "2,Sales,a@b.example,Added to group,\r\n" +
        "3,Sales,c@b.example,Added to invitation,\r\n" +
        "4,,,Invalid row,No email address\r\n",
    );
  });

  it("quotes commas, quotes and line breaks so the report reads back field for field", () => {
    const error = 'ezeep said "no", twice\nthen gave up';
    const report = importReportCsv(
      [{ line: 7, group: "Sales, EMEA", email: "x@y.example", outcome: "failed", error }],
      [],
    );
    expect(report).toContain('"Sales, EMEA"');
    expect(parseCsv(report)).toEqual([
      ["line", "group", "email", "outcome", "error"],
      ["7", "Sales, EMEA", "x@y.example", "Failed", error],
    ]);
  });
});
