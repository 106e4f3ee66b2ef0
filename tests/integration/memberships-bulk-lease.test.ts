// A bulk membership change takes ONE batch lease for its whole selection (lib/provisioning/batch-lock.ts)
// instead of a lease per user, and still never loses a concurrent single-user change.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createGroup } from "@/lib/groups/service";
import { bulkAddToGroup } from "@/lib/memberships/bulk";
import { addUserToGroups } from "@/lib/memberships/service";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

describe("bulk membership under one batch lease", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let userIds: string[] = [];

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    admin = await contextFor(org, "admin");
    userIds = (await ezeepFor(org).printingUsers.all({ pageSize: 100 })).slice(0, 20).map((u) => u.id);
  });

  it("keeps single-user changes made while the bulk change runs, one audit entry per user", async () => {
    const bulkGroup = await createGroup(admin, { name: "Bulk lease A", description: "" });
    const other = await createGroup(admin, { name: "Bulk lease B", description: "" });
    sim().setLatency(10); // let the two overlap
    const [bulk] = await Promise.all([
      bulkAddToGroup(admin, { groupId: bulkGroup.id, userIds }),
      ...userIds.slice(0, 5).map((userId) => addUserToGroups(admin, { userId, groupIds: [other.id] })),
    ]);
    sim().setLatency(0);
    expect(bulk.results.every((r) => r.ok && r.changed)).toBe(true);
    const byId = new Map((await ezeepFor(admin.organization).printingUsers.all()).map((u) => [u.id, u]));
    for (const id of userIds) expect(byId.get(id)!.groups.map((g) => g.group_id)).toContain(bulkGroup.id);
    for (const id of userIds.slice(0, 5))
      expect(byId.get(id)!.groups.map((g) => g.group_id)).toContain(other.id);
    // One entry per user of the bulk change (20) and one per single change made meanwhile (5).
    expect(await db.auditEntry.count({ where: { action: "membership.update", outcome: "success" } })).toBe(
      25,
    );
    expect(await db.jobLease.count({ where: { name: { startsWith: "lock:user:" } } })).toBe(0);
  });
});
