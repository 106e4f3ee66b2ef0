// Bulk membership changes as a batch (lib/memberships/bulk.ts, lib/audit/batch.ts): the pending
// entries and completions of the users under way grouped into shared chained transactions, the
// ezeep reads and writes at full concurrency. Still one audit entry per user with before/after, an
// intact keyed chain, lost answers read back and settled, and nothing lost to a concurrent
// single-user change.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { chainKey } from "@/lib/audit/chain";
import { verifyChain } from "@/lib/audit/verify";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createGroup } from "@/lib/groups/service";
import { bulkAddToGroup, changeGroupsOfMany } from "@/lib/memberships/bulk";
import { addUserToGroups } from "@/lib/memberships/service";
import { ezeepFor } from "@/lib/organizations/service";
import { groupsById } from "@/lib/users/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

const sim = useSimulator({ seed: { users: 140, groups: 4 } });
let admin: OrgContext;
let userIds: string[] = [];

beforeAll(async () => {
  const org = await portalOrganization(sim().organizationId);
  admin = await contextFor(org, "admin");
  userIds = (await ezeepFor(org).printingUsers.all({ pageSize: 100 })).map((u) => u.id);
  expect(userIds.length).toBeGreaterThanOrEqual(120);
});
beforeEach(() => sim().faults.clear());

const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
const parse = (text: string | null) => JSON.parse(text ?? "null") as { groupIds: string[] };

async function groupsOf(): Promise<Map<string, string[]>> {
  const users = await ezeepFor(admin.organization).printingUsers.all({ pageSize: 100 });
  return new Map(users.map((u) => [u.id, u.groups.map((g) => g.group_id)]));
}

/** The entries of one change: every membership entry written after `afterId`, by target. */
async function entriesAfter(afterId: number) {
  const rows = await db.auditEntry.findMany({
    where: { id: { gt: afterId }, action: "membership.update" },
    orderBy: { id: "asc" },
  });
  return rows;
}

async function lastId(): Promise<number> {
  return (await db.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

async function expectIntactChain() {
  const report = await verifyChain(chainKey(admin.organization.id));
  expect(report.firstBreak).toBeNull();
  expect(report.intact).toBe(true);
  expect(report.pending).toBe(0);
}

describe("bulk membership as a batch", () => {
  it("adds and removes 60 users: one entry per user with before/after, other groups kept, chain intact", async () => {
    const keep = await createGroup(admin, { name: unique("Keep"), description: "" });
    const target = await createGroup(admin, { name: unique("Bulk"), description: "" });
    const selection = userIds.slice(0, 60);
    await bulkAddToGroup(admin, { groupId: keep.id, userIds: selection.slice(0, 10) });
    const initial = await groupsOf();
    const start = await lastId();

    const added = await bulkAddToGroup(admin, { groupId: target.id, userIds: selection });
    expect(added.results.filter((r) => r.ok && r.changed)).toHaveLength(60);
    const after = await groupsOf();
    for (const id of selection) expect(after.get(id)).toContain(target.id);
    for (const id of selection.slice(0, 10)) expect(after.get(id)).toContain(keep.id);

    const addEntries = await entriesAfter(start);
    expect(addEntries).toHaveLength(60);
    expect(new Set(addEntries.map((e) => e.targetId))).toEqual(new Set(selection));
    for (const e of addEntries) {
      expect(e.outcome).toBe("success");
      expect(parse(e.before).groupIds).not.toContain(target.id);
      expect(parse(e.after).groupIds).toEqual(expect.arrayContaining([target.id]));
      expect(parse(e.after).groupIds).toEqual(expect.arrayContaining(parse(e.before).groupIds));
    }
    // Each entry was pending before its completion was linked, and the writes were grouped: the
    // entries that started side by side share a transaction (and its timestamp).
    for (const e of addEntries) expect(e.completionSeq!).toBeGreaterThan(e.chainSeq!);
    expect(new Set(addEntries.map((e) => e.at.getTime())).size).toBeLessThan(30);

    const mid = await lastId();
    const groups = await groupsById(admin);
    const users = selection.map((userId) => ({ userId, label: userId }));
    const removed = await changeGroupsOfMany(admin, users, { add: [], remove: [target.id] }, groups);
    expect(removed.filter((r) => r.ok && r.changed)).toHaveLength(60);
    const removeEntries = await entriesAfter(mid);
    expect(removeEntries).toHaveLength(60);
    for (const e of removeEntries) {
      expect(parse(e.before).groupIds).toContain(target.id);
      expect(parse(e.after).groupIds).not.toContain(target.id);
    }
    const final = await groupsOf();
    // Back to exactly the groups from before: the seed's, and "Keep" for the first ten.
    for (const id of selection) expect(new Set(final.get(id))).toEqual(new Set(initial.get(id)));
    for (const id of selection.slice(0, 10)) expect(final.get(id)).toContain(keep.id);
    await expectIntactChain();
  });

  it("reports each user's own outcome when some fail: refused, unreadable, answer lost after applying, not applied", async () => {
    const target = await createGroup(admin, { name: unique("Faults"), description: "" });
    const selection = userIds.slice(60, 115);
    const [refused, unreadable, lostApplied, lostNotApplied] = selection;
    const patch = (id: string) => `/printing/v1/users/${id}/`;
    sim().faults.add({ host: "api", method: "PATCH", path: patch(refused!), kind: "status", status: 400 });
    sim().faults.add({ host: "api", method: "GET", path: patch(unreadable!), kind: "status", status: 404 });
    sim().faults.add({
      host: "api",
      method: "PATCH",
      path: patch(lostApplied!),
      kind: "status",
      status: 504,
      afterApply: true,
      times: 1,
    });
    // Short-circuited: ezeep never applied it, but the portal cannot know that from a 503.
    sim().faults.add({
      host: "api",
      method: "PATCH",
      path: patch(lostNotApplied!),
      kind: "status",
      status: 503,
      times: 1,
    });
    const start = await lastId();
    const { results } = await bulkAddToGroup(admin, { groupId: target.id, userIds: selection });
    sim().faults.clear();
    const byId = new Map(results.map((r) => [r.userId, r]));
    expect(byId.get(refused!)).toMatchObject({ ok: false });
    expect(byId.get(unreadable!)).toMatchObject({ ok: false });
    expect(byId.get(unreadable!)!.error).toMatch(/not in ezeep's printing service/);
    expect(byId.get(lostApplied!)).toMatchObject({ ok: true, changed: true });
    expect(byId.get(lostNotApplied!)).toMatchObject({ ok: false });
    expect(byId.get(lostNotApplied!)!.error).toMatch(/not applied/);
    expect(results.filter((r) => r.ok)).toHaveLength(selection.length - 3);

    const now = await groupsOf();
    expect(now.get(lostApplied!)).toContain(target.id);
    expect(now.get(refused!)).not.toContain(target.id);
    expect(now.get(lostNotApplied!)).not.toContain(target.id);

    const entries = await entriesAfter(start);
    const of = (id: string) => entries.filter((e) => e.targetId === id);
    expect(of(refused!).map((e) => e.outcome)).toEqual(["failure"]);
    expect(of(refused!)[0]!.ezeepStatus).toBe(400);
    expect(of(unreadable!).map((e) => e.outcome)).toEqual(["failure"]);
    // Unknown, then the settling entry that read ezeep back.
    for (const [id, settled] of [
      [lostApplied!, "success"],
      [lostNotApplied!, "failure"],
    ] as const) {
      const [unknown, settling] = of(id);
      expect(unknown).toMatchObject({ outcome: "unknown" });
      expect(settling).toMatchObject({ outcome: settled, reconcilesId: unknown!.id });
    }
    expect(parse(of(lostApplied!)[1]!.after).groupIds).toContain(target.id);
    const others = selection.filter((id) => ![refused, unreadable, lostApplied, lostNotApplied].includes(id));
    for (const id of others) expect(of(id).map((e) => e.outcome)).toEqual(["success"]);
    await expectIntactChain();
  });

  it("refuses a group that is gone before anything is changed, and leaves no lease behind", async () => {
    const gone = await createGroup(admin, { name: unique("Gone"), description: "" });
    await ezeepFor(admin.organization).groups.delete(gone.id);
    const start = await lastId();
    await expect(bulkAddToGroup(admin, { groupId: gone.id, userIds: userIds.slice(0, 20) })).rejects.toThrow(
      /This group/,
    );
    expect(await entriesAfter(start)).toHaveLength(0);
    expect(await db.jobLease.count({ where: { name: { startsWith: "lock:user:" } } })).toBe(0);
  });

  it("never loses a single-user change made to the same users while the bulk change runs", async () => {
    const bulkGroup = await createGroup(admin, { name: unique("Race bulk"), description: "" });
    const single = await createGroup(admin, { name: unique("Race single"), description: "" });
    const selection = userIds.slice(0, 80);
    const start = await lastId();
    sim().setLatency(5); // let them overlap
    try {
      const [bulk] = await Promise.all([
        bulkAddToGroup(admin, { groupId: bulkGroup.id, userIds: selection }),
        ...selection
          .filter((_, i) => i % 8 === 0)
          .map((userId) => addUserToGroups(admin, { userId, groupIds: [single.id] })),
      ]);
      expect(bulk.results.every((r) => r.ok && r.changed)).toBe(true);
    } finally {
      sim().setLatency(0);
    }
    const now = await groupsOf();
    for (const id of selection) expect(now.get(id)).toContain(bulkGroup.id);
    selection.forEach((id, i) => {
      if (i % 8 === 0) expect(now.get(id)).toContain(single.id);
    });
    // 80 bulk entries and 10 single ones, every one complete.
    const entries = await entriesAfter(start);
    expect(entries.filter((e) => e.outcome === "success")).toHaveLength(90);
    expect(await db.jobLease.count({ where: { name: { startsWith: "lock:user:" } } })).toBe(0);
    await expectIntactChain();
  });
});
