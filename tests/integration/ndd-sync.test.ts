// The destructive syncs (/v1/users/synchronize, /v1/groups/users-sync): what is removed, what is
// kept, the per-entry audit, the dry run and the mass-removal guard.
import { describe, expect, it } from "vitest";

import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import { setMassRemovalPercent } from "@/lib/provisioning/ndd/settings";
import { nddSuite } from "@/tests/helpers/ndd";
import { useSimulator } from "@/tests/helpers/simulator";

const user = (i: number, email = true) => ({
  Logon: `s${i}`,
  Domain: "SYNC",
  ...(email ? { Email: `s${i}@sync.example` } : {}),
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("NDD syncs", () => {
  const sim = useSimulator();
  const { call, owner } = nddSuite(sim, { client: "SYNC" });
  const groupNamed = async (name: string) =>
    (await ezeepFor(owner().organization).groups.all()).find((g) => g.name === name);
  const members = async (groupId: string) =>
    (await ezeepFor(owner().organization).printingUsers.all()).filter((u) =>
      u.groups.some((g) => g.group_id === groupId),
    );

  it("groups/users-sync: a user no longer listed leaves the grouping's ezeep group (one audit entry per removal)", async () => {
    const verified = (await ezeepFor(owner().organization).users.all())
      .filter((u) => u.is_verified)
      .slice(0, 5);
    const Users = verified.map((u, i) => ({ Logon: `v${i}`, Domain: "SYNC", Email: u.email }));
    const first = await call("/v1/groups/users-sync", {
      Client: "SYNC",
      Groups: [{ GroupName: "Sync A", Users }],
    });
    expect(first.status).toBe(201);
    const group = (await groupNamed("Sync A"))!;
    expect(await members(group.id)).toHaveLength(5);

    const dry = await call(
      "/v1/groups/users-sync",
      { Client: "SYNC", Groups: [{ GroupName: "Sync A", Users: Users.slice(1) }] },
      "?dryRun=true",
    );
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      removedMembers: [{ groupName: "Sync A", user: "SYNC//v0" }],
      refused: [],
    });
    expect(await members(group.id)).toHaveLength(5); // the dry run changed nothing

    const res = await call("/v1/groups/users-sync", {
      Client: "SYNC",
      Groups: [{ GroupName: "Sync A", Users: Users.slice(1) }],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    const left = await members(group.id);
    expect(left.map((u) => u.id).sort()).toEqual(
      verified
        .slice(1)
        .map((u) => u.id)
        .sort(),
    );
    const entries = await db.auditEntry.findMany({ where: { action: "ndd.member_remove" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: "success", targetId: verified[0]!.id });
  });

  it("the mass-removal guard: removing more than 20% of a grouping's members is refused, nothing changes; AllowMassRemoval overrides", async () => {
    const group = (await groupNamed("Sync A"))!;
    const before = (await members(group.id)).length; // 4
    const guarded = await call("/v1/groups/users-sync", {
      Client: "SYNC",
      Groups: [{ GroupName: "Sync A", Users: [] }],
    });
    expect(guarded.status).toBe(400);
    const body = (await guarded.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors)).toEqual(["AllowMassRemoval"]);
    expect(body.errors.AllowMassRemoval![0]).toMatch(/4 of 4 members \(100%\), more than the 20% allowed/);
    expect((await members(group.id)).length).toBe(before);

    // configurable: at 100% the same request passes
    await setMassRemovalPercent(owner(), { percent: 100 });
    const dry = await call(
      "/v1/groups/users-sync",
      { Client: "SYNC", Groups: [{ GroupName: "Sync A", Users: [] }] },
      "?dryRun=true",
    );
    expect(await dry.json()).toMatchObject({ refused: [] });
    await setMassRemovalPercent(owner(), { percent: 20 });

    const forced = await call("/v1/groups/users-sync", {
      Client: "SYNC",
      AllowMassRemoval: true,
      Groups: [{ GroupName: "Sync A", Users: [] }],
    });
    expect(forced.status).toBe(201);
    expect(await members(group.id)).toHaveLength(0);
    expect(await db.auditEntry.count({ where: { action: "ndd.member_remove", outcome: "success" } })).toBe(5);
  });

  it("groupings missing from the payload are deleted in ezeep only when the portal created them through NDD", async () => {
    const outside = await ezeepFor(owner().organization).groups.create({
      name: "Made in ezeep",
      description: "",
    });
    await call("/v1/groups/users", {
      Client: "SYNC",
      Groups: [
        { GroupName: "Made in ezeep", Users: [] },
        { GroupName: "Sync B", Users: [user(1)] },
      ],
    });
    expect(await db.nddGrouping.findFirst({ where: { name: "Made in ezeep" } })).toMatchObject({
      createdByNdd: false,
    });
    const res = await call("/v1/groups/users-sync", { Client: "SYNC", AllowMassRemoval: true, Groups: [] });
    expect(res.status).toBe(201);
    expect(await groupNamed("Sync B")).toBeUndefined();
    expect(await groupNamed("Sync A")).toBeUndefined();
    expect(await groupNamed("Made in ezeep")).toMatchObject({ id: outside.id });
    expect(await db.nddGrouping.count({ where: { clientKey: "sync" } })).toBe(0);
    expect(await db.auditEntry.count({ where: { action: "ndd.grouping_remove", outcome: "success" } })).toBe(
      3,
    );
  });

  it("users/synchronize: people missing from the payload lose their NDD identity; invitations NDD sent and nobody accepted are withdrawn", async () => {
    await setMassRemovalPercent(owner(), { percent: 20 });
    const all = range(10, 20).map((i) => user(i));
    // the earlier tests' identities of this Client go: more than 20%, so the first sync says so
    expect((await call("/v1/users/synchronize", { Client: "SYNC", Users: all })).status).toBe(400);
    expect(
      (await call("/v1/users/synchronize", { Client: "SYNC", Users: all, AllowMassRemoval: true })).status,
    ).toBe(201);
    expect(await db.nddIdentity.count({ where: { clientKey: "sync" } })).toBe(10);
    const gone = all[0]!;
    const invitation = await db.invitation.findFirstOrThrow({
      where: { email: gone.Email, status: "pending" },
    });

    // 3 of 10 identities (30%) would go: refused
    const guarded = await call("/v1/users/synchronize", { Client: "SYNC", Users: all.slice(3) });
    expect(guarded.status).toBe(400);
    expect(
      await db.nddIdentity.count({ where: { clientKey: "sync", logon: { in: ["s10", "s11", "s12"] } } }),
    ).toBe(3);

    const res = await call("/v1/users/synchronize", { Client: "SYNC", Users: all.slice(1) });
    expect(res.status).toBe(201);
    expect(await db.nddIdentity.findFirst({ where: { clientKey: "sync", logon: "s10" } })).toBeNull();
    expect(await db.invitation.findUnique({ where: { id: invitation.id } })).toMatchObject({
      status: "cancelled",
    });
    const accounts = await ezeepFor(owner().organization).users.all();
    expect(accounts.find((u) => u.email === gone.Email)).toBeUndefined();
    expect(accounts.find((u) => u.email === all[1]!.Email)).toBeDefined();
    expect(
      await db.auditEntry.count({
        where: { action: "ndd.invitation_withdraw", outcome: "success", targetLabel: gone.Email },
      }),
    ).toBe(1);
    expect(
      await db.auditEntry.count({
        where: { action: "ndd.identity_remove", outcome: "success", targetLabel: "SYNC//s10" },
      }),
    ).toBe(1);
  });
});
