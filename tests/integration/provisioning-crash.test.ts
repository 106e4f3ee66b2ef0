// After a crash (issue 10 §8): a process that died mid-import leaves its lock leases (heartbeat
// stopped) and a pending audit entry behind. Re-applying the same CSV right away finishes the
// rest without doing anything twice, and every row that could not be done has its audit entry.
import { beforeAll, describe, expect, it } from "vitest";

import { recordAudit } from "@/lib/audit/service";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import type { ImportRowResult } from "@/lib/provisioning/csv";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/provisioning/actions";

type Applied = { ok: true; data: { results: ImportRowResult[] } };
const apply = async (ctx: OrgContext, csv: string) =>
  ((await actionRegistry.get("import.apply")!.invoke(ctx, { csv, from: 0, to: 500 })) as Applied).data
    .results;

describe("CSV import after a crash", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let csv: string;
  let existing: { id: string; email: string }[];

  beforeAll(async () => {
    admin = await contextFor(
      await portalOrganization(sim().organizationId),
      "admin",
      "crash-admin@test.example",
    );
    existing = (await ezeepFor(admin.organization).users.all()).filter((u) => u.is_verified).slice(0, 3);
    csv = [
      "group,email",
      ...existing.map((u) => `Crash Group,${u.email}`),
      ...[1, 2, 3].map((i) => `Crash Group,crash.new${i}@csv.example`),
    ].join("\n");
  });

  it("re-applied right after a crash, the import finishes the rest; nothing is done twice", async () => {
    // What the dead process left: the first person done, leases whose heartbeat stopped, an
    // entry whose outcome it never wrote.
    const first = await apply(admin, ["group,email", `Crash Group,${existing[0]!.email}`].join("\n"));
    expect(first.map((r) => r.outcome)).toEqual(["added"]);
    const stale = new Date(Date.now() - 1);
    await db.jobLease.createMany({
      data: [
        {
          name: `lock:user:${admin.organization.id}:${existing[1]!.id}`,
          holder: "batch:dead",
          expiresAt: stale,
        },
        {
          name: `lock:invite:${admin.organization.id}:crash.new1@csv.example`,
          holder: "batch:dead",
          expiresAt: stale,
        },
      ],
    });
    await recordAudit({
      organizationId: admin.organization.id,
      actor: admin.actor,
      action: "provisioning.membership",
      target: { type: "users", label: "50 users" },
      outcome: "pending",
    });

    const results = await apply(admin, csv);
    expect(results.map((r) => r.outcome)).toEqual([
      "unchanged",
      "added",
      "added",
      "invited",
      "invited",
      "invited",
    ]);
    const group = (await ezeepFor(admin.organization).groups.all()).find((g) => g.name === "Crash Group")!;
    for (const u of existing)
      expect(
        (await ezeepFor(admin.organization).printingUsers.get(u.id)).groups.map((g) => g.group_id),
      ).toContain(group.id);
    for (const i of [1, 2, 3])
      expect(await db.invitation.count({ where: { email: `crash.new${i}@csv.example` } })).toBe(1);
    expect(await db.jobLease.count({ where: { holder: "batch:dead" } })).toBe(0);

    const again = await apply(admin, csv);
    expect(again.every((r) => r.outcome === "unchanged")).toBe(true);
  });

  it("every row that could not be done has its own audit entry naming the person and the reason", async () => {
    sim().faults.add({
      host: "account",
      method: "POST",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 503,
      times: 10,
    });
    sim().faults.add({
      host: "api",
      method: "PATCH",
      path: "/printing/v1/users/",
      kind: "status",
      status: 503,
      times: 10,
    });
    const file = ["group,email", `Crash Two,${existing[2]!.email}`, "Crash Two,crash.fail@csv.example"].join(
      "\n",
    );
    const results = await apply(admin, file);
    sim().faults.clear();
    expect(results.map((r) => r.outcome)).toEqual(["failed", "failed"]);
    for (const email of [existing[2]!.email.toLowerCase(), "crash.fail@csv.example"]) {
      const entry = await db.auditEntry.findFirst({
        where: { action: "provisioning.not_done", targetLabel: email },
      });
      expect(entry, email).toMatchObject({ outcome: "failure", error: expect.any(String) });
    }
  });
});
