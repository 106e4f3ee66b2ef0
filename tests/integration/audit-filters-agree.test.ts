// The audit page's chart and list select the same entries: same filters (a family like
// "group.*", one action with its older names), same days (lib/audit/view-range.ts), entries
// still waiting for their outcome included. Also: the overview's health figures.
import { beforeAll, describe, expect, it } from "vitest";

import { activityChart } from "@/lib/audit/activity-chart";
import { listAuditEntriesIn, parseAuditQuery, type AuditQuery } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/service";
import { boundedQuery } from "@/lib/audit/view-range";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { organizationHealth } from "@/lib/overview/health";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

const sim = useSimulator();

describe("audit chart and list agree", () => {
  let owner: OrgContext;
  const scope = () => ({ organizationId: owner.organization.id });

  async function listedCount(query: AuditQuery): Promise<number> {
    let total = 0;
    let before: number | undefined;
    for (;;) {
      const page = await listAuditEntriesIn(scope(), { ...query, before, limit: 200 });
      total += page.entries.length;
      if (!page.nextBefore) return total;
      before = page.nextBefore;
    }
  }

  async function charted(query: AuditQuery, split: "outcome" | "action" = "outcome"): Promise<number> {
    const { before: _b, limit: _l, ...filters } = query;
    return (await activityChart(scope(), filters, split)).total;
  }

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    owner = await contextFor(org, "owner", "agree-owner@test.example");
    const write = (
      action: Parameters<typeof recordAudit>[0]["action"],
      outcome: "success" | "failure" | "pending",
    ) =>
      recordAudit({
        organizationId: org.id,
        actor: owner.actor,
        action,
        target: { type: action.split(".")[0], label: action },
        outcome,
      });
    for (let i = 0; i < 4; i++) await write("group.create", "success");
    for (let i = 0; i < 3; i++) await write("group.update", i ? "success" : "failure");
    await write("group.delete", "pending"); // still waiting for its outcome
    await write("membership.update", "success");
    await write("membership.update", "failure");
    // An entry written before the names were unified: still a membership change.
    await recordAudit({
      organizationId: org.id,
      actor: owner.actor,
      // (the type allows catalogue names only; old rows in the database have this one)
      action: "membership.add" as never,
      target: { type: "user" },
      outcome: "success",
    });
  });

  it.each([
    ["a family", { action: "group.*" }, 8],
    ["one action", { action: "group.update" }, 3],
    ["a family and an outcome", { action: "group.*", outcome: "failure" }, 1],
    ["entries waiting for their outcome", { action: "group.*", outcome: "pending" }, 1],
    ["one action with its older names", { action: "membership.update" }, 3],
  ])("for %s", async (_what, params, expected) => {
    const query = boundedQuery(parseAuditQuery(params));
    const listed = await listedCount(query);
    expect(listed).toBeGreaterThanOrEqual(expected);
    expect(await charted(query)).toBe(listed);
    expect(await charted(query, "action")).toBe(listed);
  });

  it("uses the same days for both when none are asked for, and when a range is asked for", async () => {
    const none = boundedQuery(parseAuditQuery({}));
    expect(none.from).toBeTruthy();
    expect(none.to).toBeTruthy();
    expect(await charted(none)).toBe(await listedCount(none));
    const today = new Date().toISOString().slice(0, 10);
    const ranged = boundedQuery(parseAuditQuery({ from: "2000-01-01", to: today }));
    expect(await charted(ranged)).toBe(await listedCount(ranged));
  });

  it("never matches another family by prefix (domain_rule.* is not domain.*)", async () => {
    const query = boundedQuery(parseAuditQuery({ action: "group_x.*" }));
    expect(await listedCount(query)).toBe(0);
    expect(await charted(query)).toBe(0);
  });

  it("counts the health figures of the last 24 hours", async () => {
    const health = Object.fromEntries((await organizationHealth(owner)).map((h) => [h.key, h]));
    expect(health.failed.count).toBeGreaterThanOrEqual(2);
    expect(health.unknown.count).toBeGreaterThanOrEqual(1);
    expect(health.failed.href).toMatch(/^\/audit\?outcome=failure&from=\d{4}-\d{2}-\d{2}&to=/);
    // The simulator's seed has one printer that is OFF.
    expect(health.printers.count).toBeGreaterThanOrEqual(1);
    const failedSince = await db.auditEntry.count({
      where: {
        organizationId: owner.organization.id,
        outcome: "failure",
        at: { gte: new Date(Date.now() - 86_400_000) },
      },
    });
    expect(health.failed.count).toBe(failedSince);
  });
});
