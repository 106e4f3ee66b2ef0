// CSV import: the preview changes nothing; apply works in chunks; a failure midway is reported
// per row and re-running the same file finishes the rest.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { ezeepFor } from "@/lib/organizations/service";
import { parseCsv, readImportCsv, type ImportPreview, type ImportRowResult } from "@/lib/provisioning/csv";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/provisioning/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);

describe("CSV import", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let existing: string;
  let csv: string;

  beforeAll(async () => {
    admin = await contextFor(
      await portalOrganization(sim().organizationId),
      "admin",
      "csv-admin@test.example",
    );
    const users = await ezeepFor(admin.organization).users.all({ perPage: 100 });
    existing = users.find((u) => u.is_verified)!.email;
    csv = [
      "group,description,email,name",
      `CSV Sales,Sales team,${existing},Existing Person`,
      "CSV Sales,,new.one@csv.example,New One",
      '"CSV Support","Help, desk",new.two@csv.example,"Two, New"',
      ",,nogroup@csv.example,",
      "CSV Support,,not-an-email,",
      "CSV Legal,,new.three@csv.example,",
    ].join("\r\n");
  });
  beforeEach(() => sim().faults.clear());

  testActionAuthorization(sim, {
    "import.preview": async () => ({ csv: "group,email\nAuth Preview,p@csv.example" }),
    "import.apply": async () => ({ csv: "group,email\nAuth Apply,a@csv.example", from: 0, to: 1 }),
  });

  it("parses quoted fields, CRLF and semicolon files", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
    ]);
    expect(parseCsv("group;email\nA;a@b.c")).toEqual([
      ["group", "email"],
      ["A", "a@b.c"],
    ]);
    expect(readImportCsv("name,foo\nx,y").fileError).toMatch(/group.*email/);
  });

  it("previews what will be created, updated and invited and which rows are invalid, changing nothing", async () => {
    sim().resetStats();
    const result = await invoke("import.preview", admin, { csv });
    expect(result.ok).toBe(true);
    const preview = (result as { ok: true; data: ImportPreview }).data;
    expect(preview.counts).toEqual({
      create: 3,
      update: 0,
      add: 1,
      member: 0,
      invite: 3,
      invited: 0,
      invalid: 2,
    });
    expect(preview.groups.find((g) => g.name === "CSV Support")).toMatchObject({
      action: "create",
      description: "Help, desk",
    });
    expect(preview.invalid).toEqual([
      { line: 5, reason: "The group is missing.", raw: ",,nogroup@csv.example," },
      { line: 6, reason: "“not-an-email” is not an email address.", raw: "CSV Support,,not-an-email," },
    ]);
    expect(preview.users.find((u) => u.email === existing)).toMatchObject({ line: 2, action: "add" });
    const writes = Object.keys(sim().stats().byRoute).filter(
      (r) => !r.startsWith("GET") && !r.includes("/oauth/"),
    );
    expect(writes).toEqual([]);
  });

  it("applies in chunks; a failure midway is reported per row and re-running the file finishes the rest", async () => {
    // the second chunk's invitation fails once
    const first = await invoke("import.apply", admin, { csv, from: 0, to: 2 });
    expect(first).toMatchObject({ ok: true, data: { validRows: 4 } });
    const r1 = (first as { ok: true; data: { results: ImportRowResult[] } }).data.results;
    expect(r1.map((r) => [r.line, r.outcome])).toEqual([
      [2, "added"],
      [3, "invited"],
    ]);

    sim().faults.add({
      host: "account",
      method: "POST",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 503,
      times: 1,
    });
    const second = await invoke("import.apply", admin, { csv, from: 2, to: 4 });
    const r2 = (second as { ok: true; data: { results: ImportRowResult[] } }).data.results;
    expect(r2.filter((r) => r.outcome === "failed")).toHaveLength(1);

    // re-running the whole file: what was done stays, the failed row is done now
    sim().faults.clear();
    const again = await invoke("import.apply", admin, { csv, from: 0, to: 4 });
    const r3 = (again as { ok: true; data: { results: ImportRowResult[] } }).data.results;
    expect(r3.map((r) => r.outcome).sort()).toEqual(["invited", "unchanged", "unchanged", "unchanged"]);
    const preview = (await invoke("import.preview", admin, { csv })) as { ok: true; data: ImportPreview };
    expect(preview.data.counts).toMatchObject({ create: 0, add: 0, invite: 0, member: 1, invited: 3 });
  });
});
