// Reviewing the log: every filter, keyset pagination, bounded free-text search, the activity
// chart, the streamed CSV/JSON export, the field diff, scopes, and read-only actions.
import { beforeAll, describe, expect, it } from "vitest";

import { activityChart } from "@/lib/audit/activity-chart";
import { diffValues } from "@/lib/audit/diff";
import { csvField, EXPORT_COLUMNS, exportStream } from "@/lib/audit/export";
import { listAuditEntriesIn, parseAuditQuery, type AuditQuery } from "@/lib/audit/queries";
import { auditScopeOptions, canReadEntryOf, resolveAuditScope } from "@/lib/audit/scope";
import { recordAudit } from "@/lib/audit/service";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/audit/actions";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe("audit review", () => {
  const sim = useSimulator();
  let owner: OrgContext;
  let helpdesk: OrgContext;
  const scope = () => ({ organizationId: owner.organization.id });
  const q = (params: Record<string, string | undefined>): AuditQuery => parseAuditQuery(params);

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    owner = await contextFor(org, "owner", "rev-owner@test.example");
    helpdesk = await contextFor(org, "helpdesk", "rev-helpdesk@test.example");
    for (let i = 0; i < 30; i++) {
      const who = i % 3 === 0 ? helpdesk : owner;
      await recordAudit({
        organizationId: org.id,
        actor: who.actor,
        action: i % 2 ? "group.update" : "invitation.create",
        target: {
          type: i % 2 ? "group" : "invitation",
          id: `t-${i % 5}`,
          label: i === 7 ? 'Finance, "EU" =SUM(A1)' : `Target ${i}`,
        },
        before: i % 2 ? { name: `Old ${i}`, members: ["a", "b"] } : undefined,
        after: i % 2 ? { name: `New ${i}`, members: ["b", "c"] } : { email: `u${i}@x.test` },
        outcome: i % 10 === 9 ? "failure" : "success",
        error: i % 10 === 9 ? "ezeep said no (quota exceeded)" : null,
        ezeepStatus: i % 10 === 9 ? 400 : null,
      });
    }
  });

  it("filters by actor, action, target type and id, outcome and date range; the URL form round-trips", async () => {
    const byActor = await listAuditEntriesIn(scope(), q({ actor: helpdesk.actor.id! }));
    expect(byActor.entries).toHaveLength(10);
    expect(byActor.entries.every((e) => e.actorLabel === "rev-helpdesk@test.example")).toBe(true);
    expect((await listAuditEntriesIn(scope(), q({ action: "group.update" }))).entries).toHaveLength(15);
    expect(
      (await listAuditEntriesIn(scope(), q({ targetType: "invitation", targetId: "t-0" }))).entries.every(
        (e) => e.targetId === "t-0" && e.targetType === "invitation",
      ),
    ).toBe(true);
    expect((await listAuditEntriesIn(scope(), q({ outcome: "failure" }))).entries).toHaveLength(3);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEntriesIn(scope(), q({ from: today, to: today }))).entries.length).toBe(30);
    expect((await listAuditEntriesIn(scope(), q({ to: "2001-01-01" }))).entries).toHaveLength(0);
    expect((await listAuditEntriesIn(scope(), q({ actorType: "external" }))).entries).toHaveLength(0);
    // junk in the URL is ignored, not an error
    expect(q({ outcome: "nope", from: "yesterday", limit: "9999", before: "-3" })).toMatchObject({
      outcome: undefined,
      from: undefined,
      limit: 50,
      before: undefined,
    });
  });

  it("searches free text in action, target, actor and error, case-insensitively", async () => {
    expect((await listAuditEntriesIn(scope(), q({ q: "QUOTA" }))).entries).toHaveLength(3);
    expect((await listAuditEntriesIn(scope(), q({ q: 'finance, "eu"' }))).entries).toHaveLength(1);
    expect(
      (await listAuditEntriesIn(scope(), q({ q: "rev-helpdesk", action: "invitation.create" }))).entries,
    ).toHaveLength(5);
    expect((await listAuditEntriesIn(scope(), q({ q: "no-such-thing" }))).entries).toHaveLength(0);
  });

  it("pages with a keyset cursor: every entry once, newest first, also while searching", async () => {
    for (const extra of [{}, { q: "target" }]) {
      const seen: number[] = [];
      let before: number | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await listAuditEntriesIn(
          scope(),
          q({ ...extra, limit: "7", ...(before ? { before: String(before) } : {}) }),
        );
        seen.push(...page.entries.map((e) => e.id));
        if (!page.nextBefore) break;
        before = page.nextBefore;
      }
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(
        await db.auditEntry.count({
          where: {
            organizationId: owner.organization.id,
            ...("q" in extra ? { targetLabel: { startsWith: "Target" } } : {}),
          },
        }),
      );
    }
  });

  it("charts changes per day, split by outcome or by action, for the selected filters", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const byOutcome = await activityChart(scope(), {}, "outcome");
    expect(byOutcome.days).toHaveLength(30);
    expect(byOutcome.days.at(-1)).toBe(today);
    const series = Object.fromEntries(byOutcome.series.map((s) => [s.key, s.counts.at(-1)]));
    expect(series).toMatchObject({ success: 27, failure: 3 });
    const byAction = await activityChart(scope(), { actor: helpdesk.actor.id! }, "action");
    expect(byAction.total).toBe(10);
    expect(byAction.series.map((s) => s.key).sort()).toEqual(["group.update", "invitation.create"]);
    const ranged = await activityChart(scope(), { from: "2020-01-01", to: "2020-12-31" }, "outcome");
    expect(ranged.days).toHaveLength(92); // capped
  });

  it("exports the filtered entries as CSV with proper escaping and as JSON, in batches", async () => {
    const csv = await readAll(exportStream(scope(), { action: "group.update" }, "csv", 4));
    const rows = parseCsv(csv.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(16);
    const tricky = rows.find((r) => r[EXPORT_COLUMNS.indexOf("targetLabel")].includes("Finance"))!;
    expect(tricky[EXPORT_COLUMNS.indexOf("targetLabel")]).toBe('Finance, "EU" =SUM(A1)');
    expect(csvField("=1+2")).toBe("'=1+2");
    expect(csvField("a\nb")).toBe('"a\nb"');
    const json = JSON.parse(
      await readAll(exportStream(scope(), { outcome: "failure" }, "json", 2)),
    ) as Record<string, unknown>[];
    expect(json).toHaveLength(3);
    expect(json[0]).toMatchObject({
      outcome: "failure",
      ezeepStatus: 400,
      error: "ezeep said no (quota exceeded)",
    });
    expect(json[0].after).toEqual(expect.any(Object));
    expect(JSON.parse(await readAll(exportStream(scope(), { q: "nothing-matches" }, "json")))).toEqual([]);
  });

  it("shows a field-by-field diff, lists as added/removed items", () => {
    const rows = diffValues(
      { name: "Old", members: ["a", "b"], meta: { x: 1 } },
      { name: "New", members: ["b", "c"], meta: { x: 1, y: 2 } },
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "name", kind: "changed", before: "Old", after: "New" }),
        expect.objectContaining({ path: "members", kind: "changed", addedItems: ["c"], removedItems: ["a"] }),
        expect.objectContaining({ path: "meta.x", kind: "unchanged" }),
        expect.objectContaining({ path: "meta.y", kind: "added", after: "2" }),
      ]),
    );
    expect(diffValues(null, { email: "a@b" })).toEqual([
      expect.objectContaining({ path: "email", kind: "added" }),
    ]);
  });

  it("lets each role read its organizations' logs; portal-wide entries only for portal admins", () => {
    const m = (role: string, portalAdmin = false) => ({
      memberships: [{ organization: owner.organization, role }],
      portalAdmin,
    });
    expect(auditScopeOptions(m("auditor")).map((o) => o.value)).toEqual([owner.organization.id]);
    // Owning an organization does not open the portal-wide log (other admins' e-mails and IPs).
    expect(auditScopeOptions(m("owner")).map((o) => o.value)).toEqual([owner.organization.id]);
    expect(auditScopeOptions(m("owner", true)).map((o) => o.value)).toEqual([
      owner.organization.id,
      "portal",
    ]);
    expect(resolveAuditScope(m("owner"), owner.organization.id, "portal")).toBeNull();
    expect(canReadEntryOf(m("owner"), null)).toBe(false);
    expect(canReadEntryOf(m("auditor", true), null)).toBe(true);
    expect(resolveAuditScope(m("auditor"), owner.organization.id, "portal")).toBeNull();
    expect(resolveAuditScope(m("auditor"), owner.organization.id, "someone-elses-org")).toBeNull();
    expect(canReadEntryOf(m("auditor"), null)).toBe(false);
    expect(canReadEntryOf(m("auditor"), owner.organization.id)).toBe(true);
  });

  it("offers no way to change or delete an entry: every audit action is read-only", () => {
    const auditActions = [...actionRegistry.values()].filter((a) => a.name.startsWith("audit."));
    expect(auditActions.map((a) => a.name)).toEqual(["audit.verify"]);
    expect(auditActions.every((a) => !a.mutation && a.permission === "audit.read")).toBe(true);
  });

  it("verifies the organization's chain through the Verify action", async () => {
    const result = await actionRegistry.get("audit.verify")!.invoke(helpdesk, {});
    expect(result).toMatchObject({ ok: true, data: { intact: true, firstBreak: null } });
    expect((result as { data: { checked: number } }).data.checked).toBeGreaterThanOrEqual(30);
  });
});

describe("audit actions authorization", () => {
  const sim = useSimulator();
  testActionAuthorization(sim, {
    "audit.verify": async () => ({}),
  });
});
