// Drift detection: changes made directly in ezeep (here: through a second ezeep client, as
// ezeep's own console would) become "external change" entries; changes made through the
// portal do not.
import { beforeAll, describe, expect, it } from "vitest";

import { chainKey } from "@/lib/audit/chain";
import { detectDrift } from "@/lib/audit/drift";
import { auditDriftJob } from "@/lib/audit/jobs";
import { verifyChain } from "@/lib/audit/verify";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assignedGroupIds, createEzeepClient, ezeepConfigFromEnv, type EzeepClient } from "@/lib/ezeep";
import { portalJobs } from "@/lib/jobs";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";

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
});
