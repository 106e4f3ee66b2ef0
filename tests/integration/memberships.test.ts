// Group memberships below the UI: server action → lock → re-read → PATCH whole list (docs/ezeep.md#memberships
// §3.4) → audit. Concurrent admins never lose each other's change; faults are recorded and explained.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createGroup } from "@/lib/groups/service";
import { listGroupMembers } from "@/lib/memberships/service";
import { ezeepFor } from "@/lib/organizations/service";
import { invalidateDirectory } from "@/lib/users/directory";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/memberships/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 9)}`;
const PUSERS = "/printing/v1/users/";

const sim = useSimulator();

describe("memberships", () => {
  let admin: OrgContext;
  let userIds: string[] = [];

  async function groupsOf(userId: string): Promise<string[]> {
    return (await ezeepFor(admin.organization).printingUsers.get(userId)).groups
      .map((g) => g.group_id)
      .sort();
  }
  async function newGroups(n: number, owner = admin) {
    const out: { id: string; name: string }[] = [];
    for (let i = 0; i < n; i++) out.push(await createGroup(owner, { name: unique("Memb"), description: "" }));
    return out;
  }

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    admin = await contextFor(org, "admin");
    for await (const u of ezeepFor(org).printingUsers.iterate()) userIds.push(u.id);
    userIds = userIds.slice(5); // leave the seeded admins alone
  });
  beforeEach(() => {
    sim().faults.clear();
    sim().setLatency(0);
  });

  it("adds a user to groups and removes them again, keeping their other groups, with before/after in the audit log", async () => {
    const userId = userIds[0];
    const original = await groupsOf(userId);
    const [a, b] = await newGroups(2);

    const added = await invoke("membership.add", admin, { userId, groupIds: [a.id, b.id] });
    expect(added, JSON.stringify(added)).toMatchObject({ ok: true, data: { changed: true } });
    expect(await groupsOf(userId)).toEqual([...original, a.id, b.id].sort());

    const removed = await invoke("membership.remove", admin, { userId, groupIds: [a.id] });
    expect(removed).toMatchObject({ ok: true, data: { changed: true } });
    expect(await groupsOf(userId)).toEqual([...original, b.id].sort());

    const entries = await db.auditEntry.findMany({
      where: { targetId: userId, action: { startsWith: "membership." } },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([
      ["membership.update", "success"],
      ["membership.update", "success"],
    ]);
    const addBefore = JSON.parse(entries[0].before!) as { groupIds: string[]; groups: string[] };
    const addAfter = JSON.parse(entries[0].after!) as { groupIds: string[]; groups: string[] };
    expect(addBefore.groupIds.sort()).toEqual(original);
    expect(addAfter.groupIds.sort()).toEqual([...original, a.id, b.id].sort());
    expect(addAfter.groups).toEqual(expect.arrayContaining([a.name, b.name]));
    expect(JSON.parse(entries[1].after!).groups).not.toContain(a.name);
    expect(entries[0].completedAt).not.toBeNull();
  });

  it("does not write (or audit) when the user already is in the group", async () => {
    const userId = userIds[1];
    const [g] = await newGroups(1);
    expect(await invoke("membership.add", admin, { userId, groupIds: [g.id] })).toMatchObject({
      ok: true,
      data: { changed: true },
    });
    sim().resetStats();
    const auditBefore = await db.auditEntry.count();
    expect(await invoke("membership.add", admin, { userId, groupIds: [g.id] })).toMatchObject({
      ok: true,
      data: { changed: false },
    });
    expect(sim().stats().byRoute["PATCH /printing/v1/users/:id/"] ?? 0).toBe(0);
    expect(await db.auditEntry.count()).toBe(auditBefore);
  });

  it("never loses a change when 10 admins add different groups to the same user at the same time", async () => {
    const userId = userIds[2];
    const original = await groupsOf(userId);
    const groups = await newGroups(10);
    const admins = await Promise.all(
      groups.map((_, i) => contextFor(admin.organization, "admin", `concurrent${i}@test.example`)),
    );
    sim().setLatency(15); // widen the read→write window: without the lock, later writes would drop earlier ones
    const results = await Promise.all(
      groups.map((g, i) => invoke("membership.add", admins[i], { userId, groupIds: [g.id] })),
    );
    expect(
      results.every((r) => r.ok),
      JSON.stringify(results.filter((r) => !r.ok)),
    ).toBe(true);
    expect(await groupsOf(userId)).toEqual([...original, ...groups.map((g) => g.id)].sort());
    // Each admin's change is its own completed audit entry, and each saw the previous ones (re-read).
    const entries = await db.auditEntry.findMany({
      where: { targetId: userId, action: "membership.update" },
      orderBy: { id: "asc" },
    });
    expect(entries.filter((e) => e.outcome === "success")).toHaveLength(10);
    const sizes = entries
      .map((e) => (JSON.parse(e.before!) as { groupIds: string[] }).groupIds.length)
      .sort((x, y) => x - y);
    expect(sizes).toEqual(groups.map((_, i) => original.length + i));
    expect(new Set(entries.map((e) => e.actorId)).size).toBe(10);
  });

  it("keeps every change when adds and removes for the same user interleave", async () => {
    const userId = userIds[3];
    const original = await groupsOf(userId);
    const toRemove = await newGroups(5);
    const toAdd = await newGroups(5);
    const setup = await invoke("membership.add", admin, { userId, groupIds: toRemove.map((g) => g.id) });
    expect(setup.ok).toBe(true);
    const admins = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        contextFor(admin.organization, "admin", `interleave${i}@test.example`),
      ),
    );
    sim().setLatency(10);
    const calls = toRemove.flatMap((g, i) => [
      invoke("membership.remove", admins[2 * i], { userId, groupIds: [g.id] }),
      invoke("membership.add", admins[2 * i + 1], { userId, groupIds: [toAdd[i].id] }),
    ]);
    const results = await Promise.all(calls);
    expect(
      results.every((r) => r.ok),
      JSON.stringify(results),
    ).toBe(true);
    expect(await groupsOf(userId)).toEqual([...original, ...toAdd.map((g) => g.id)].sort());
  });

  it("serializes changes from the user's side and the group's side of the same user", async () => {
    const userId = userIds[4];
    const original = await groupsOf(userId);
    const [a, b, c] = await newGroups(3);
    sim().setLatency(10);
    const results = await Promise.all([
      invoke("membership.add", admin, { userId, groupIds: [a.id] }),
      invoke("membership.bulk_add", admin, { groupId: b.id, userIds: [userId] }),
      invoke("membership.add", admin, { userId, groupIds: [c.id] }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await groupsOf(userId)).toEqual([...original, a.id, b.id, c.id].sort());
  });

  it("bulk-adds a selection with a per-user result, auditing each user on its own", async () => {
    const [g] = await newGroups(1);
    const chosen = userIds.slice(10, 22);
    // One invitee (no printing row yet) and one already a member.
    const inv = await ezeepFor(admin.organization).invitations.create({
      email: `${unique("bulk").replace(" ", ".")}@example.com`,
      expire_date: new Date(Date.now() + 86_400_000),
    });
    const invitee = (await ezeepFor(admin.organization).users.all()).find((u) => u.email === inv.email)!;
    await invoke("membership.add", admin, { userId: chosen[0], groupIds: [g.id] });

    const mark = (await db.auditEntry.findFirst({ orderBy: { id: "desc" } }))!.id;
    const result = await invoke("membership.bulk_add", admin, {
      groupId: g.id,
      userIds: [...chosen, invitee.id],
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const { results } = (
      result as {
        ok: true;
        data: { results: { userId: string; ok: boolean; changed: boolean; error: string | null }[] };
      }
    ).data;
    expect(results).toHaveLength(13);
    expect(results.find((r) => r.userId === chosen[0])).toMatchObject({ ok: true, changed: false });
    for (const id of chosen.slice(1))
      expect(results.find((r) => r.userId === id)).toMatchObject({ ok: true, changed: true, error: null });
    const failed = results.find((r) => r.userId === invitee.id)!;
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/not accepted their invitation/);

    for (const id of chosen) expect(await groupsOf(id)).toContain(g.id);
    const mine = await db.auditEntry.findMany({ where: { action: "membership.update", id: { gt: mark } } });
    expect(mine).toHaveLength(12); // 11 added + 1 failed; the existing member needed no change
    expect(
      mine
        .filter((e) => e.outcome === "success")
        .map((e) => e.targetId)
        .sort(),
    ).toEqual(chosen.slice(1).sort());
    expect(mine.find((e) => e.targetId === invitee.id)).toMatchObject({
      outcome: "failure",
      ezeepStatus: 404,
    });

    // The group's members page lists them (from the index, updated in place).
    const members = await listGroupMembers(admin, g.id, { q: "", page: 1, pageSize: 100 });
    expect(members.items.map((m) => m.id).sort()).toEqual([...chosen].sort());
  });

  it("refuses a bulk add to a group that does not exist, and validates its input", async () => {
    const missing = await invoke("membership.bulk_add", admin, {
      groupId: "00000000-0000-4000-8000-000000000000",
      userIds: [userIds[0]],
    });
    expect(missing).toMatchObject({ ok: false });
    expect((missing as { error: string }).error).toMatch(/group was not found/i);
    expect(await invoke("membership.bulk_add", admin, { groupId: "x", userIds: [] })).toMatchObject({
      ok: false,
      fieldErrors: { userIds: ["Choose at least one user."] },
    });
    expect(
      await invoke("membership.add", admin, {
        userId: userIds[0],
        groupIds: Array.from({ length: 101 }, (_, i) => `g${i}`),
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { groupIds: ["Choose at most 100 groups at a time."] },
    });
  });

  it("reads back after ezeep's 503 on the write (it may have applied it) and records what it found", async () => {
    const userId = userIds[5];
    const before = await groupsOf(userId);
    const [g] = await newGroups(1);
    sim().faults.add({ host: "api", method: "PATCH", path: PUSERS, kind: "status", status: 503, times: 1 });
    const result = await invoke("membership.add", admin, { userId, groupIds: [g.id] });
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: string }).error).toMatch(
      /ezeep did not answer; checking whether the change was applied… It was not applied/,
    );
    expect(await groupsOf(userId)).toEqual(before);
    const entry = await db.auditEntry.findFirst({
      where: { targetId: userId, action: "membership.update" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", ezeepStatus: 503 });
    expect(JSON.parse(entry!.before!).groupIds.sort()).toEqual(before);
    const after = JSON.parse(entry!.after!);
    expect(after.groupIds.sort()).toEqual(before); // observed: unchanged
    expect(after.intended.groupIds).toContain(g.id);
    expect(after.readBack).toMatch(/not applied/);
  });

  it("records a failed re-read (ezeep down) as a failed attempt and changes nothing", async () => {
    const userId = userIds[6];
    const before = await groupsOf(userId);
    const [g] = await newGroups(1);
    sim().faults.add({
      host: "api",
      method: "GET",
      path: `${PUSERS}${userId}/`,
      kind: "status",
      status: 502,
    });
    const result = await invoke("membership.add", admin, { userId, groupIds: [g.id] });
    sim().faults.clear();
    expect((result as { error: string }).error).toMatch(/ezeep is unavailable \(HTTP 502\)/);
    expect(await groupsOf(userId)).toEqual(before);
    expect(
      await db.auditEntry.findFirst({
        where: { targetId: userId, action: "membership.update" },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({
      outcome: "failure",
      ezeepStatus: 502,
    });
  });

  it("rides out a rate limit and a dropped connection on the re-read (GETs are retried)", async () => {
    const userId = userIds[7];
    const [g] = await newGroups(1);
    sim().faults.add({
      host: "api",
      method: "GET",
      path: `${PUSERS}${userId}/`,
      kind: "rate_limit",
      retryAfter: 0,
      times: 1,
    });
    sim().faults.add({ host: "api", method: "GET", path: `${PUSERS}${userId}/`, kind: "reset", times: 1 });
    const result = await invoke("membership.add", admin, { userId, groupIds: [g.id] });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(await groupsOf(userId)).toContain(g.id);
  });

  it("explains a group deleted meanwhile in words, and audits the failure", async () => {
    const userId = userIds[8];
    const [g] = await newGroups(1);
    await ezeepFor(admin.organization).groups.delete(g.id);
    const result = await invoke("membership.add", admin, { userId, groupIds: [g.id] });
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: string }).error).toMatch(/group no longer exists in ezeep/);
    expect(
      await db.auditEntry.findFirst({
        where: { targetId: userId, action: "membership.update" },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({
      outcome: "failure",
      ezeepStatus: 400,
    });
  });

  it("sees changes made outside the portal once the index is refreshed", async () => {
    const userId = userIds[9];
    const [g] = await newGroups(1);
    await ezeepFor(admin.organization).printingUsers.setGroups(userId, [...(await groupsOf(userId)), g.id]);
    invalidateDirectory(admin.organization.id);
    const members = await listGroupMembers(admin, g.id, { q: "", page: 1, pageSize: 25 });
    expect(members.items.map((m) => m.id)).toEqual([userId]);
  });
});

describe("membership actions", () => {
  const someUser = async (owner: OrgContext, offset: number) => {
    const page = await ezeepFor(owner.organization).printingUsers.list({ limit: 1, offset });
    return page.results[0].id;
  };
  let n = 10;
  const freshGroup = async (owner: OrgContext) =>
    createGroup(owner, { name: unique("authz memb"), description: "" });

  testActionAuthorization(sim, {
    "membership.add": async (owner) => ({
      userId: await someUser(owner, n++),
      groupIds: [(await freshGroup(owner)).id],
    }),
    "membership.remove": async (owner) => {
      const userId = await someUser(owner, n++);
      const g = await freshGroup(owner);
      await ezeepFor(owner.organization).printingUsers.setGroups(userId, [g.id]);
      return { userId, groupIds: [g.id] };
    },
    "membership.bulk_add": async (owner) => ({
      groupId: (await freshGroup(owner)).id,
      userIds: [await someUser(owner, n++), await someUser(owner, n++)],
    }),
  });
});
