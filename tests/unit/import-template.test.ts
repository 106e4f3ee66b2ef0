// The Import page's template: every example row imports cleanly with the importer's own reader,
// so a downloaded template, filled in the same way, is accepted.
import { describe, expect, it } from "vitest";

import { readImportCsv } from "@/lib/provisioning/csv";
import { IMPORT_TEMPLATE_CSV } from "@/lib/provisioning/csv-template";

describe("import template", () => {
  it("has the importer's columns and only valid rows", () => {
    const parsed = readImportCsv(IMPORT_TEMPLATE_CSV);
    expect(parsed.fileError).toBeNull();
    expect(parsed.invalid).toEqual([]);
    expect(parsed.rows.map((r) => [r.group, r.email])).toEqual([
      ["Engineering", "ada@example.com"],
      ["Engineering", "alan@example.com"],
      ["Marketing", "ada@example.com"],
    ]);
  });
});
