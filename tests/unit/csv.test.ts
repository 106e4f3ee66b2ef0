// CSV parsing of the import file: RFC 4180 quoting, separators, line endings and row validation.
import { describe, expect, it } from "vitest";

import { CSV_MAX_ROWS, parseCsv, readImportCsv } from "@/lib/provisioning/csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const text = 'a,b\n"x, y","say ""hi"""\n"multi\nline",z\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", "z"],
    ]);
  });

  it("uses semicolons when the header has no comma, and accepts CRLF and a BOM", () => {
    expect(parseCsv("\uFEFFgroup;email\r\nSales;a@b.example\r\n")).toEqual([
      ["group", "email"],
      ["Sales", "a@b.example"],
    ]);
  });

  it("drops blank lines and keeps a last line without a newline", () => {
    expect(parseCsv("a,b\n\n , \n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("readImportCsv", () => {
  it("maps columns by header name in any order and spelling, lower-cases e-mails", () => {
    const parsed = readImportCsv("E-Mail,Group Name,Full_Name\nADA@Example.com,Engineering,Ada\n");
    expect(parsed.fileError).toBeNull();
    expect(parsed.rows).toEqual([
      { line: 2, group: "Engineering", description: "", email: "ada@example.com", name: "Ada" },
    ]);
  });

  it("refuses a file without the group and email columns", () => {
    expect(readImportCsv("name,mail2\nx,y").fileError).toMatch(/at least “group” and “email”/);
  });

  it("reports each invalid row with its line and a reason, and keeps the valid ones", () => {
    const parsed = readImportCsv(
      [
        "group,email",
        ",a@x.example",
        "G,not-an-email",
        "G,b@x.example",
        "G,b@x.example",
        `${"n".repeat(256)},c@x.example`,
      ].join("\n"),
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([4]);
    expect(parsed.invalid.map((i) => [i.line, i.reason])).toEqual([
      [2, "The group is missing."],
      [3, "“not-an-email” is not an email address."],
      [5, "Repeats line 4."],
      [6, "The group name is longer than 255 characters."],
    ]);
  });

  it("refuses files over the row limit as a whole", () => {
    const lines = ["group,email", ...Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) => `G,u${i}@x.example`)];
    expect(readImportCsv(lines.join("\n")).fileError).toBe(
      `At most ${CSV_MAX_ROWS} rows per file: split it.`,
    );
  });
});
