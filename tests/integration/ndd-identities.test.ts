// Seed 003's rules about users, as an NDD integration drives them (each test quotes the seed):
// users without Email, the (Domain, Logon) key, Email/Name changes, and the Client check.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import { nddSuite } from "@/tests/helpers/ndd";
import { useSimulator } from "@/tests/helpers/simulator";

describe("NDD identities (seed 003)", () => {
  const sim = useSimulator();
  const { call, owner: ndd } = nddSuite(sim);
  let owner: OrgContext;
  const identity = (logon: string) =>
    db.nddIdentity.findFirst({ where: { organizationId: owner.organization.id, logon } });
  const accountByEmail = async (email: string) =>
    (await ezeepFor(owner.organization).users.all()).find((u) => u.email.toLowerCase() === email);

  beforeAll(() => {
    owner = ndd();
  });

  it("'Email … Mandatory: No' — the seed's joao.souza without Email is accepted (201 []) and kept as waiting for an e-mail", async () => {
    const res = await call("/v1/groups/users", {
      Client: "ABC",
      Groups: [
        {
          GroupName: "Group 1",
          GroupDescription: "Group 1 description",
          Users: [
            { Logon: "carlos.silva", Domain: "NDD", Name: "Carlos Silva", Email: "carlos.silva@ndd.tech" },
            { Logon: "joao.souza", Domain: "NDD", Name: "João Souza" },
          ],
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    expect(await identity("joao.souza")).toMatchObject({
      state: "waiting_email",
      email: null,
      name: "João Souza",
    });
    expect(await identity("carlos.silva")).toMatchObject({ state: "invited", invitedByNdd: true });
    const grouping = await db.nddGrouping.findFirst({
      where: { name: "Group 1" },
      include: { members: true },
    });
    expect(grouping?.members).toHaveLength(2);
  });

  it("a later request bringing joao.souza's Email invites him — into the grouping he was listed in", async () => {
    const res = await call("/v1/users", {
      Client: "ABC",
      Users: [{ Logon: "joao.souza", Domain: "NDD", Name: "João Souza", Email: "joao.souza@ndd.tech" }],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    const row = await identity("joao.souza");
    expect(row).toMatchObject({ state: "invited", email: "joao.souza@ndd.tech" });
    const inv = await db.invitation.findUniqueOrThrow({ where: { id: row!.invitationId! } });
    const group = (await ezeepFor(owner.organization).groups.all()).find((g) => g.name === "Group 1")!;
    expect(JSON.parse(inv.intendedGroupIds)).toEqual([group.id]);
  });

  it("'If there is already a user registered with the same Logon and Domain, but with different Name and/or Email information, the user will be updated' — an unverified person's new Email replaces the open invitation", async () => {
    const before = await identity("carlos.silva");
    const oldInvitation = await db.invitation.findUniqueOrThrow({ where: { id: before!.invitationId! } });
    const res = await call("/v1/users", {
      Client: "ABC",
      Users: [{ Logon: "CARLOS.SILVA", Domain: "ndd", Name: "Carlos Silva", Email: "carlos@ndd.tech" }],
    });
    expect(res.status).toBe(201);
    expect(await db.nddIdentity.count({ where: { logon: { in: ["carlos.silva", "CARLOS.SILVA"] } } })).toBe(
      1,
    );
    const after = await identity("carlos.silva");
    expect(after).toMatchObject({ state: "invited", email: "carlos@ndd.tech" });
    expect(await db.invitation.findUnique({ where: { id: oldInvitation.id } })).toMatchObject({
      status: "cancelled",
    });
    const fresh = await db.invitation.findUniqueOrThrow({ where: { id: after!.invitationId! } });
    expect(fresh.email).toBe("carlos@ndd.tech");
    expect(JSON.parse(fresh.intendedGroupIds)).toEqual(JSON.parse(oldInvitation.intendedGroupIds));
    expect(await accountByEmail("carlos.silva@ndd.tech")).toBeUndefined(); // the old invitation is gone in ezeep
    expect(await accountByEmail("carlos@ndd.tech")).toMatchObject({ is_verified: false });
    expect(
      await db.auditEntry.count({ where: { action: "ndd.invitation_replace", outcome: "success" } }),
    ).toBe(1);
  });

  it("… for a verified ezeep user the same rule PATCHes the account user (email, first and last name), never a second identity", async () => {
    const verified = (await ezeepFor(owner.organization).users.all()).find((u) => u.is_verified)!;
    await call("/v1/users", {
      Client: "ABC",
      Users: [{ Logon: "v.user", Domain: "ACME", Email: verified.email }],
    });
    expect(await identity("v.user")).toMatchObject({ state: "active", ezeepUserId: verified.id });
    const users = (await ezeepFor(owner.organization).users.all()).length;
    const res = await call("/v1/users", {
      Client: "ABC",
      Users: [
        { Logon: "v.user", Domain: "ACME", Name: "Vera Neumann Silva", Email: "vera.new@acme.example" },
      ],
    });
    expect(res.status).toBe(201);
    const account = await ezeepFor(owner.organization).users.get(verified.id);
    expect(account).toMatchObject({
      email: "vera.new@acme.example",
      first_name: "Vera",
      last_name: "Neumann Silva",
    });
    expect((await ezeepFor(owner.organization).users.all()).length).toBe(users);
    expect(await identity("v.user")).toMatchObject({
      state: "active",
      ezeepUserId: verified.id,
      email: "vera.new@acme.example",
    });
    expect(await db.auditEntry.count({ where: { action: "ndd.user_update", outcome: "success" } })).toBe(1);
  });

  it("'Client: Name of the customer, as registered' — an unknown Client is a 400 problem naming the field, and nothing changes", async () => {
    const identities = await db.nddIdentity.count();
    const res = await call("/v1/users", {
      Client: "XYZ",
      Users: [{ Logon: "x", Domain: "NDD", Email: "x@ndd.tech" }],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors)).toEqual(["Client"]);
    expect(body.errors.Client![0]).toContain("XYZ");
    expect(await db.nddIdentity.count()).toBe(identities);
    expect(
      await db.auditEntry.findFirst({
        where: { action: "ndd.users", outcome: "failure" },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({
      error: expect.stringContaining("not registered"),
    });
    // Client names compare case-insensitively
    expect((await call("/v1/users", { Client: "abc", Users: [{ Logon: "x", Domain: "NDD" }] })).status).toBe(
      201,
    );
  });

  it("/v1/users: 'Logon is not valid.' per user; all invalid is the 3400 problem; more than 4,500 is refused as a whole", async () => {
    const partial = await call("/v1/users", {
      Client: "ABC",
      Users: [
        { Logon: "ok.two", Domain: "NDD" },
        { Logon: "João Souza", Domain: "NDD" },
      ],
    });
    expect(partial.status).toBe(201);
    expect(await partial.json()).toEqual([{ user: "NDD//João Souza", errorMessage: "Logon is not valid." }]);
    const none = await call("/v1/users", { Client: "ABC", Users: [{ Logon: "a b", Domain: "NDD" }] });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({
      errors: { "3400": ["All users are invalid."] },
      instance: "/v1/users",
    });
    const many = Array.from({ length: 4501 }, (_, i) => ({ Logon: `u${i}`, Domain: "NDD" }));
    const tooMany = await call("/v1/users", { Client: "ABC", Users: many });
    expect(tooMany.status).toBe(400);
    expect(Object.keys(((await tooMany.json()) as { errors: object }).errors)).toEqual(["Users"]);
  });

  it("?dryRun=true on /v1/users says what would happen and changes nothing", async () => {
    const identities = await db.nddIdentity.count();
    const invitations = await db.invitation.count();
    const res = await call(
      "/v1/users",
      { Client: "ABC", Users: [{ Logon: "dry.run", Domain: "NDD", Email: "dry.run@ndd.tech" }] },
      "?dryRun=true",
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      dryRun: true,
      users: [{ user: "NDD//dry.run", action: "create_identity", ezeep: "invite" }],
    });
    expect(await db.nddIdentity.count()).toBe(identities);
    expect(await db.invitation.count()).toBe(invitations);
  });
});
