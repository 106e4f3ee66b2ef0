// Contract of POST /v1/groups/users, built from seed 003's text (docs/ezeep.md#ndd-orbix-print-queue-api). Each test
// quotes the sentence of the seed it checks. The route handler is called as Next calls it.
import { beforeEach, describe, expect, it } from "vitest";

import { POST } from "@/app/v1/groups/users/route";
import { db } from "@/lib/db";
import { ezeepFor } from "@/lib/organizations/service";
import { nddSuite } from "@/tests/helpers/ndd";
import { useSimulator } from "@/tests/helpers/simulator";

const SEED_EXAMPLE = {
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
    {
      GroupName: "Group 2",
      GroupDescription: "Group 2 description",
      Users: [
        { Logon: "maria.oliveira", Domain: "NDD", Email: "maria.oliveira@ndd.tech" },
        { Logon: "joana.pereira", Domain: "NDD", Name: "Joana Pereira", Email: "joana.pereira@ndd.tech" },
      ],
    },
  ],
};

describe("POST /v1/groups/users (seed 003 contract)", () => {
  const sim = useSimulator();
  const { owner, token, tenant } = nddSuite(sim, { tokenName: "NDD Orbix" });
  beforeEach(() => sim().faults.clear());

  function call(body: unknown, headers: Record<string, string | null> = {}) {
    const h = new Headers({ "content-type": "application/json" });
    const all = { Tenant: tenant(), Authorization: `Bearer ${token()}`, ...headers };
    for (const [k, v] of Object.entries(all)) if (v !== null) h.set(k, v);
    return POST(
      new Request("http://portal.test/v1/groups/users", {
        method: "POST",
        headers: h,
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  }
  const groupByName = async (name: string) =>
    (await ezeepFor(owner().organization).groups.all()).find((g) => g.name === name);
  const usersNamed = (name: string) => ({ GroupName: name, Users: [] as unknown[] });

  it("'The response code 201 indicates that all groupings have been successfully created or updated and will return []'", async () => {
    const res = await call(SEED_EXAMPLE);
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual([]);
    expect(await groupByName("Group 1")).toMatchObject({ description: "Group 1 description" });
    expect(await groupByName("Group 2")).toMatchObject({ description: "Group 2 description" });
    // new people are invited, and the invitation records the intended group
    const inv = await db.invitation.findFirst({
      where: { organizationId: owner().organization.id, email: "carlos.silva@ndd.tech" },
    });
    expect(JSON.parse(inv!.intendedGroupIds)).toEqual([(await groupByName("Group 1"))!.id]);
    expect(inv!.ezeepInvitationId).toBeTruthy();
  });

  it("repeating the request changes nothing more (idempotent): no second group, invitation or audit change entry", async () => {
    const invitations = await db.invitation.count();
    const changes = await db.auditEntry.count({ where: { action: { startsWith: "provisioning." } } });
    const groups = (await ezeepFor(owner().organization).groups.all()).length;
    sim().resetStats();
    const res = await call(SEED_EXAMPLE);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    expect(await db.invitation.count()).toBe(invitations);
    expect(await db.auditEntry.count({ where: { action: { startsWith: "provisioning." } } })).toBe(changes);
    expect((await ezeepFor(owner().organization).groups.all()).length).toBe(groups);
    const writes = Object.entries(sim().stats().byRoute).filter(
      ([route]) => !route.startsWith("GET") && !route.includes("/oauth/"),
    );
    expect(writes).toEqual([]);
  });

  it("'If there is already a grouping registered with the same GroupName, but with different GroupDescription information, the grouping will be updated'", async () => {
    const res = await call({
      Client: "ABC",
      Groups: [{ GroupName: "Group 1", GroupDescription: "New text", Users: [] }],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([]);
    expect(await groupByName("Group 1")).toMatchObject({ description: "New text" });
  });

  it("an existing ezeep user (matched by email) becomes a member, keeping their other groups", async () => {
    const users = await ezeepFor(owner().organization).users.all({ perPage: 100 });
    const verified = users.find((u) => u.is_verified)!;
    const before = await ezeepFor(owner().organization).printingUsers.get(verified.id);
    const res = await call({
      Client: "ABC",
      Groups: [
        {
          GroupName: "Group 2",
          Users: [{ Logon: "existing", Domain: "ACME", Email: verified.email.toUpperCase() }],
        },
      ],
    });
    expect(await res.json()).toEqual([]);
    const after = await ezeepFor(owner().organization).printingUsers.get(verified.id);
    const group2 = (await groupByName("Group 2"))!;
    expect(after.groups.map((g) => g.group_id).sort()).toEqual(
      [...before.groups.map((g) => g.group_id), group2.id].sort(),
    );
    const entry = await db.auditEntry.findFirst({
      where: { action: "provisioning.membership", targetId: verified.id },
    });
    expect(entry).toMatchObject({ outcome: "success", actorType: "api_token", actorLabel: "NDD Orbix" });
  });

  it("'201 … there was a partial failure … will return the reason for the failure' (the seed's own example)", async () => {
    const longName = Array(16).fill("GroupTest").join(" ");
    expect(longName.length).toBe(159);
    const res = await call({
      Client: "ABC",
      Groups: [
        { GroupName: longName, Users: [{ Logon: "João Souza", Domain: "NDD", Email: "joao@ndd.tech" }] },
        {
          GroupName: "Group 2",
          Users: [{ Logon: "joana.pereira", Domain: "NDD", Name: "Joana Pereira", Email: "joana.pereira@" }],
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([
      {
        groupName: longName,
        users: [{ user: "NDD//João Souza", errorMessage: "Logon is not valid." }],
        errorMessage: "Group Name is too long.",
      },
      {
        groupName: "Group 2",
        users: [{ user: "NDD//joana.pereira", errorMessage: "E-mail is not valid." }],
        errorMessage: "",
      },
    ]);
    expect(await groupByName(longName)).toBeUndefined();
  });

  it("valid users next to invalid ones are processed; user keys are 'Domain//Logon'", async () => {
    const res = await call({
      Client: "ABC",
      Groups: [
        {
          GroupName: "Group 3",
          Users: [
            { Logon: "ok.user", Domain: "NDD", Email: "ok.user@ndd.tech" },
            { Logon: "bad", Domain: "N D D", Email: "bad@ndd.tech" },
            { Logon: "no.mail", Domain: "NDD", Name: "No Mail" },
          ],
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([
      {
        groupName: "Group 3",
        users: [{ user: "N D D//bad", errorMessage: "Domain is not valid." }],
        errorMessage: "",
      },
    ]);
    expect(await groupByName("Group 3")).toBeDefined();
    expect(await db.invitation.count({ where: { email: "ok.user@ndd.tech" } })).toBe(1);
  });

  it("'The code 400 response indicates that there was a failure to create or update all groupings' — the seed's exact body", async () => {
    const res = await call({
      Client: "ABC",
      Groups: [
        { GroupName: "", Users: [] },
        { GroupName: "x".repeat(101), Users: [] },
      ],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: { "3400": ["All groups are invalid."] },
      title: "BadRequest",
      status: 400,
      detail: "BusinessException",
      instance: "/v1/groups/users",
    });
  });

  it("'you can create or update up to 5 groupings': a sixth is refused as a whole, nothing is created", async () => {
    const groups = Array.from({ length: 6 }, (_, i) => usersNamed(`Six ${i}`));
    const res = await call({ Client: "ABC", Groups: groups });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ status: 400, title: "BadRequest", instance: "/v1/groups/users" });
    expect(body.errors.Groups[0]).toMatch(/At most 5 groupings/);
    expect(await groupByName("Six 0")).toBeUndefined();
  });

  it("'… with 1,000 users each': a grouping with 1,001 users is invalid and reported", async () => {
    const users = Array.from({ length: 1001 }, (_, i) => ({
      Logon: `u${i}`,
      Domain: "NDD",
      Email: `u${i}@big.example`,
    }));
    const res = await call({
      Client: "ABC",
      Groups: [{ GroupName: "Too big", Users: users }, usersNamed("Small")],
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual([
      { groupName: "Too big", users: [], errorMessage: "At most 1000 users per grouping." },
    ]);
    expect(await groupByName("Too big")).toBeUndefined();
    expect(await groupByName("Small")).toBeDefined();
  });

  it.each([
    ["no Client", { Groups: [usersNamed("A")] }, "Client"],
    ["an empty Client", { Client: " ", Groups: [usersNamed("A")] }, "Client"],
    ["no Groups", { Client: "ABC" }, "Groups"],
    ["an empty Groups list", { Client: "ABC", Groups: [] }, "Groups"],
  ])("'Mandatory: Yes' — %s is a 400 naming the field", async (_label, body, field) => {
    const res = await call(body);
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).errors)).toContain(field);
  });

  it("a body over 4 MB is refused with 413 before it is parsed", async () => {
    const res = await call(`{"Client":"ABC","Groups":[],"pad":"${"x".repeat(4_000_001)}"}`);
    expect(res.status).toBe(413);
  });

  it("a body that is not JSON is a 400 problem", async () => {
    const res = await call("{not json");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("'Authorization: Mandatory' — missing, malformed or unknown tokens get 401 and change nothing", async () => {
    for (const auth of [null, "Basic abc", "Bearer ezp_unknown", `Bearer ${token()}x`]) {
      const res = await call(
        { Client: "ABC", Groups: [usersNamed("Unauthorized group")] },
        { Authorization: auth },
      );
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect(await groupByName("Unauthorized group")).toBeUndefined();
    // Unauthenticated failures are aggregated per source and minute (lib/audit/refusals.ts): the
    // first has its own entry, the other three are counted for one entry when the minute is over.
    expect(
      await db.auditEntry.count({
        where: { action: "ndd.groups_users", outcome: "failure", organizationId: null },
      }),
    ).toBeGreaterThanOrEqual(1);
    const windows = await db.auditRateWindow.findMany({ where: { key: { startsWith: "api_token|" } } });
    const entries = await db.auditEntry.count({
      where: { action: "ndd.groups_users", outcome: "failure", organizationId: null },
    });
    expect(entries + windows.reduce((sum, w) => sum + w.extra, 0)).toBe(4);
  });

  it("'Tenant: Mandatory' — missing is 400, another organization's name is 403; the name matches case-insensitively or by ezeep id", async () => {
    expect((await call({ Client: "ABC", Groups: [usersNamed("T1")] }, { Tenant: null })).status).toBe(400);
    expect((await call({ Client: "ABC", Groups: [usersNamed("T1")] }, { Tenant: "Other Corp" })).status).toBe(
      403,
    );
    expect(await groupByName("T1")).toBeUndefined();
    expect(
      (await call({ Client: "ABC", Groups: [usersNamed("T2")] }, { Tenant: "  acme CORP " })).status,
    ).toBe(201);
    expect(
      (await call({ Client: "ABC", Groups: [usersNamed("T3")] }, { Tenant: owner().organization.ezeepId }))
        .status,
    ).toBe(201);
  });

  it("every call is audited with the token as actor", async () => {
    const before = await db.auditEntry.count({ where: { action: "ndd.groups_users" } });
    await call({ Client: "ABC", Groups: [usersNamed("Audited")] });
    const entry = await db.auditEntry.findFirst({
      where: { action: "ndd.groups_users" },
      orderBy: { id: "desc" },
    });
    expect(await db.auditEntry.count({ where: { action: "ndd.groups_users" } })).toBe(before + 1);
    expect(entry).toMatchObject({
      actorType: "api_token",
      actorLabel: "NDD Orbix",
      outcome: "success",
      organizationId: owner().organization.id,
    });
    expect(JSON.parse(entry!.after!)).toMatchObject({ status: 201, groupsCreated: 1 });
    const created = await db.auditEntry.findFirst({
      where: { action: "group.create", targetLabel: "Audited" },
    });
    expect(created).toMatchObject({ actorType: "api_token", outcome: "success" });
  });

  it("an ezeep failure for one user is reported for that user; the rest goes on", async () => {
    sim().faults.add({
      host: "account",
      method: "POST",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 400,
      times: 1,
    });
    const res = await call({
      Client: "ABC",
      Groups: [{ GroupName: "Group 4", Users: [{ Logon: "f1", Domain: "NDD", Email: "f1@ndd.tech" }] }],
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ groupName: "Group 4", errorMessage: "", users: [{ user: "NDD//f1" }] });
    // re-running finishes the rest
    sim().faults.clear();
    expect(
      await (
        await call({
          Client: "ABC",
          Groups: [{ GroupName: "Group 4", Users: [{ Logon: "f1", Domain: "NDD", Email: "f1@ndd.tech" }] }],
        })
      ).json(),
    ).toEqual([]);
  });

  it("when ezeep refuses every grouping the answer is a 502 problem, not a success", async () => {
    sim().faults.add({
      host: "api",
      method: "POST",
      path: "/printing/v1/groups/",
      kind: "status",
      status: 503,
    });
    const res = await call({ Client: "ABC", Groups: [usersNamed("Outage")] });
    expect(res.status).toBe(502);
  });
});
