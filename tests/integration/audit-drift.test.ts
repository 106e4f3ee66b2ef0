// Drift detection: changes made directly in ezeep (here: through a second ezeep client, as
// ezeep's own console would) become "external change" entries; changes made through the
// portal do not.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { beforeAll, describe, expect, it } from "vitest";

import { chainKey } from "@/lib/audit/chain";
import { detectDrift, DRIFT_JOB_NAME } from "@/lib/audit/drift";
import { auditDriftJob } from "@/lib/audit/jobs";
import { completeEntry, recordAudit } from "@/lib/audit/service";
import { verifyChain } from "@/lib/audit/verify";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assignedGroupIds, createEzeepClient, ezeepConfigFromEnv, type EzeepClient } from "@/lib/ezeep";
import { portalJobs } from "@/lib/jobs";
import { acquireLease, releaseLease } from "@/lib/locks";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/audit/actions";
import "@/lib/groups/actions";
import "@/lib/memberships/actions";
import "@/lib/printers/actions";

const run = promisify(execFile);

describe("drift detection", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let console_: EzeepClient; // "ezeep's own console": not the portal

  beforeAll(async () => {
    admin = await contextFor(await portalOrganization(sim().organizationId), "admin");
    console_ = createEzeepClient(ezeepConfigFromEnv()!);
  });

  const externalEntries = () =>
    db.auditEntry.findMany({
      where: { organizationId: admin.organization.id, actorType: "external" },
      orderBy: { id: "asc" },
    });

  it("is one of the portal's background jobs", () => {
    expect(portalJobs().map((j) => j.name)).toContain(auditDriftJob.name);
  });

  it("takes a first snapshot without recording anything", async () => {
    const result = await detectDrift(admin.organization);
    expect(result).toMatchObject({ firstSnapshot: true, recorded: 0 });
    expect(await db.driftSnapshot.count()).toBe(1);
    expect(await externalEntries()).toHaveLength(0);
    expect((await detectDrift(admin.organization)).recorded).toBe(0); // nothing changed
  });

  it("records groups, memberships and assignments changed outside the portal as external changes", async () => {
    const created = await console_.groups.create({ name: "Made in the ezeep console", description: "" });
    const [user] = (await console_.printingUsers.list()).results;
    await console_.printingUsers.setGroups(user.id, [...user.groups.map((g) => g.group_id), created.id]);
    const [printer] = (await console_.assignments.list()).results;
    await console_.assignments.assign(printer.printer_id, [...assignedGroupIds(printer), created.id]);

    const result = await detectDrift(admin.organization);
    expect(result.firstSnapshot).toBe(false);
    const entries = await externalEntries();
    expect(entries.map((e) => [e.action, e.targetId]).sort()).toEqual(
      [
        ["group.create", created.id],
        ["membership.update", user.id],
        ["printer.assignment", printer.printer_id],
      ].sort(),
    );
    for (const e of entries)
      expect(e).toMatchObject({
        actorType: "external",
        outcome: "success",
        actorLabel: "Outside the portal (ezeep)",
      });
    const membership = entries.find((e) => e.action === "membership.update")!;
    expect(JSON.parse(membership.after!).groups).toContain("Made in the ezeep console");
    expect(membership.targetLabel).toContain("@");

    await console_.groups.update(created.id, { description: "Renamed outside" });
    await detectDrift(admin.organization);
    const update = (await externalEntries()).find((e) => e.action === "group.update")!;
    expect(JSON.parse(update.before!)).toMatchObject({ description: "" });
    expect(JSON.parse(update.after!)).toMatchObject({ description: "Renamed outside" });

    await console_.groups.delete(created.id);
    await detectDrift(admin.organization);
    const after = await externalEntries();
    expect(after.filter((e) => e.action === "group.delete")).toHaveLength(1);
    // the deleted group's memberships and assignments went with it: not reported again
    expect(after.filter((e) => e.action === "membership.update")).toHaveLength(1);
  });

  it("does not report changes made through the portal", async () => {
    const before = (await externalEntries()).length;
    const result = await actionRegistry
      .get("group.create")!
      .invoke(admin, { name: "Made in the portal", description: "" });
    expect(result.ok).toBe(true);
    const id = (result as { data: { id: string } }).data.id;
    const updated = await actionRegistry
      .get("group.update")!
      .invoke(admin, { id, name: "Made in the portal 2", description: "" });
    expect(updated.ok).toBe(true);
    const drift = await detectDrift(admin.organization);
    expect(drift.recorded).toBe(0);
    expect(drift.explained).toBe(1);
    expect(await externalEntries()).toHaveLength(before);
    expect((await verifyChain(chainKey(admin.organization.id))).intact).toBe(true);
  });

  const invoke = async (name: string, input: unknown) => {
    const result = await actionRegistry.get(name)!.invoke(admin, input);
    expect(result).toMatchObject({ ok: true });
    return (result as { data: unknown }).data;
  };
  const entriesFor = async (targetId: string) =>
    (await externalEntries())
      .filter((e) => e.targetId === targetId)
      .map((e) => [e.action, JSON.parse(e.after!)]);

  it("records a console change to objects the portal changed in the previous interval", async () => {
    const group = (await invoke("group.create", { name: "Portal first", description: "" })) as { id: string };
    const [user] = (await console_.printingUsers.list()).results;
    const [printer] = (await console_.assignments.list()).results;
    await invoke("membership.add", { userId: user.id, groupIds: [group.id] });
    await invoke("printer.assign_groups", { printerId: printer.printer_id, groupIds: [group.id] });
    expect((await detectDrift(admin.organization)).recorded).toBe(0); // all the portal's own

    // Within the next interval, someone undoes or changes each of them in ezeep's own console.
    await console_.groups.update(group.id, { name: "Renamed in the console" });
    const current = (await console_.printingUsers.get(user.id)).groups.map((g) => g.group_id);
    await console_.printingUsers.setGroups(
      user.id,
      current.filter((id) => id !== group.id),
    );
    await console_.assignments.unassign(printer.printer_id, [group.id]);
    const drift = await detectDrift(admin.organization);
    expect(drift.recorded).toBe(3);
    expect(await entriesFor(group.id)).toEqual([
      ["group.update", { name: "Renamed in the console", description: "" }],
    ]);
    const [[membershipAction, membershipAfter]] = await entriesFor(user.id);
    expect(membershipAction).toBe("membership.update");
    expect(membershipAfter.groups).not.toContain("Renamed in the console");
    const [[assignmentAction, assignmentAfter]] = await entriesFor(printer.printer_id);
    expect(assignmentAction).toBe("printer.assignment");
    expect(assignmentAfter.groups).not.toContain("Renamed in the console");
  });

  it("records a console change made after a portal change in the same interval", async () => {
    const group = (await invoke("group.create", { name: "Both sides", description: "" })) as { id: string };
    await detectDrift(admin.organization);
    await invoke("group.update", { id: group.id, name: "Both sides (portal)", description: "" });
    await console_.groups.update(group.id, { description: "added in the console" });
    const drift = await detectDrift(admin.organization);
    expect(drift).toMatchObject({ recorded: 1, explained: 0 });
    expect(await entriesFor(group.id)).toEqual([
      ["group.update", { name: "Both sides (portal)", description: "added in the console" }],
    ]);
  });

  it("waits for a portal change still in flight, then explains it by its completed entry", async () => {
    const group = await console_.groups.create({ name: "In flight", description: "" });
    await detectDrift(admin.organization);
    await externalEntries(); // its creation was external; what follows is the portal's
    const entryId = await recordAudit({
      organizationId: admin.organization.id,
      actor: admin.actor,
      action: "group.update",
      target: { type: "group", id: group.id, label: "In flight" },
      after: null,
      outcome: "pending",
    });
    await console_.groups.update(group.id, { name: "In flight, done" }); // ezeep applied it; no answer yet
    expect(await detectDrift(admin.organization)).toMatchObject({ recorded: 0, deferred: 1 });
    await completeEntry(entryId, {
      outcome: "success",
      after: JSON.stringify({ name: "In flight, done", description: "" }),
    });
    expect(await detectDrift(admin.organization)).toMatchObject({ recorded: 0, explained: 1, deferred: 0 });
    expect(await entriesFor(group.id)).toEqual([["group.create", { name: "In flight", description: "" }]]);
  });

  describe("run now", () => {
    let owner: OrgContext;
    beforeAll(async () => {
      owner = await contextFor(admin.organization, "owner", "drift-owner@test.example");
    });

    it("runs the drift check at once, records what it found and logs the run", async () => {
      await actionRegistry.get("drift.run")!.invoke(owner, {}); // the first snapshot
      const group = await console_.groups.create({ name: "Seen by run-now", description: "" });
      const result = await actionRegistry.get("drift.run")!.invoke(owner, {});
      expect(result).toEqual({
        ok: true,
        data: { firstSnapshot: false, recorded: 1, explained: 0, deferred: 0 },
      });
      const external = await db.auditEntry.findFirst({
        where: { actorType: "external", targetId: group.id },
      });
      expect(external).toMatchObject({ action: "group.create", outcome: "success" });
      const run = await db.auditEntry.findFirst({ where: { action: "drift.run" }, orderBy: { id: "desc" } });
      expect(run).toMatchObject({
        outcome: "success",
        actorId: owner.actor.id,
        targetId: owner.organization.id,
      });
      expect(JSON.parse(run!.after!)).toMatchObject({ recorded: 1 });
      const jobRuns = await db.jobRun.findMany({ where: { job: DRIFT_JOB_NAME, trigger: "manual" } });
      expect(jobRuns.length).toBeGreaterThanOrEqual(2);
      expect(jobRuns.every((r) => r.outcome === "success")).toBe(true);
    });

    it("refuses clearly, and audits the refusal, while a drift run is in progress elsewhere", async () => {
      await acquireLease(`job:${DRIFT_JOB_NAME}`, "another-instance", 60_000);
      try {
        const result = await actionRegistry.get("drift.run")!.invoke(owner, {});
        expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/running right now/) });
        const refused = await db.auditEntry.findFirst({
          where: { action: "drift.run" },
          orderBy: { id: "desc" },
        });
        expect(refused).toMatchObject({
          outcome: "failure",
          error: expect.stringMatching(/running right now/),
        });
      } finally {
        await releaseLease(`job:${DRIFT_JOB_NAME}`, "another-instance");
      }
    });

    it("rejects unexpected input fields without running", async () => {
      const before = await db.jobRun.count();
      const result = await actionRegistry.get("drift.run")!.invoke(owner, { org: "someone-else" });
      expect(result.ok).toBe(true); // unknown fields are stripped: it runs for the admin's own organization
      expect(await db.jobRun.count()).toBe(before + 1);
    });
  });

  it("runs from the command line for one organization: npm run drift:run -- --org <name>", async () => {
    const group = await console_.groups.create({ name: "Seen by the command", description: "" });
    const { stdout } = await run(
      process.execPath,
      [
        "node_modules/.bin/tsx",
        "--conditions=react-server",
        "scripts/drift-run.ts",
        "--org",
        admin.organization.name,
      ],
      { env: process.env },
    );
    expect(stdout).toMatch(/1 external change\(s\) recorded/);
    const external = await db.auditEntry.findFirst({ where: { actorType: "external", targetId: group.id } });
    expect(external).toMatchObject({ action: "group.create" });
    const audit = await db.auditEntry.findFirst({ where: { action: "drift.run" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorType: "system", actorLabel: "drift:run command", outcome: "success" });
    await expect(
      run(
        process.execPath,
        ["node_modules/.bin/tsx", "--conditions=react-server", "scripts/drift-run.ts", "--org", "nope"],
        {
          env: process.env,
        },
      ),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/No organization "nope"/) });
  });

  testActionAuthorization(sim, {
    "drift.run": async () => ({}),
  });
});
