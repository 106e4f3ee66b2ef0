// Groups (§3.5), printing-side users and membership (§3.4), account users (§3.2), org isolation.
import { beforeEach, describe, expect, it } from "vitest";

import type { AccountUser, Group, Page, PrinterAssignments, PrintingUser } from "@/lib/ezeep-simulator";

import { call, ccToken, useSim, type Json } from "./helpers";

const { sim } = useSim({ seed: "demo" });
let tok = "";
beforeEach(async () => {
  sim().reset("demo"); // fresh state (and tokens) per test
  tok = await ccToken(sim());
});

const get = <T = Json>(path: string) => call<T>(sim(), tok, "GET", path);
const send = <T = Json>(method: string, path: string, body?: unknown) =>
  call<T>(sim(), tok, method, path, body);

async function allGroups(): Promise<Group[]> {
  return (await get<Page<Group>>("/printing/v1/groups/?limit=100")).body.results;
}
async function allPrintingUsers(): Promise<PrintingUser[]> {
  return (await get<Page<PrintingUser>>("/printing/v1/users/?limit=100")).body.results;
}

describe("groups", () => {
  it("§3.5 demo seed: 10 groups with derived counts and Ezeep/Azure origins", async () => {
    const groups = await allGroups();
    expect(groups).toHaveLength(10);
    const azure = groups.filter((g) => g.origin.provider === "Azure");
    expect(azure.length).toBeGreaterThanOrEqual(1);
    expect(azure.length).toBeLessThanOrEqual(2);
    for (const g of azure) expect(g.origin.foreign_id).toMatch(/^[0-9a-f-]{36}$/);
    for (const g of groups.filter((x) => x.origin.provider === "Ezeep"))
      expect(g.origin).toEqual({ provider: "Ezeep" });
    // num_members matches the printing-side view.
    const users = await allPrintingUsers();
    for (const g of groups)
      expect(g.num_members).toBe(users.filter((u) => u.groups.some((x) => x.group_id === g.id)).length);
    const sizes = new Set(groups.map((g) => g.num_members));
    expect(sizes.size).toBeGreaterThan(4);
  });

  it("§3.5 create → 201 with defaults; get, patch and put return the full object", async () => {
    const c = await send<Group>("POST", "/printing/v1/groups/", {
      name: "Night Shift",
      organization_id: sim().organizationId,
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({
      name: "Night Shift",
      description: "",
      local_printing_enabled: false,
      myprinters_enabled: false,
      origin: { provider: "Ezeep" },
      organization_id: sim().organizationId,
      num_members: 0,
      num_printers: 0,
    });
    const id = c.body.id;
    expect((await get<Group>(`/printing/v1/groups/${id}/`)).body.name).toBe("Night Shift");
    const p = await send<Group>("PATCH", `/printing/v1/groups/${id}/`, {
      description: "late",
      myprinters_enabled: true,
    });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ name: "Night Shift", description: "late", myprinters_enabled: true });
    const put = await send<Group>("PUT", `/printing/v1/groups/${id}`, { name: "Night Owls" });
    expect(put.body).toMatchObject({ name: "Night Owls", description: "late" });
    expect((await send("PUT", `/printing/v1/groups/${id}`, { description: "x" })).body).toEqual({
      name: ["This field is required."],
    });
  });

  it("§3.5 create without organization_id uses the token's org", async () => {
    const c = await send<Group>("POST", "/printing/v1/groups/", { name: "No Org Field" });
    expect(c.status).toBe(201);
    expect(c.body.organization_id).toBe(sim().organizationId);
  });

  it("§2.5/§3.5 validation: name required, 1–255, description ≤255, foreign organization_id, duplicate names → 400 field maps", async () => {
    const cases: [unknown, string][] = [
      [{}, "name"],
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "x".repeat(256) }, "name"],
      [{ name: "ok", description: "d".repeat(256) }, "description"],
      [{ name: "ok", organization_id: "00000000-0000-4000-8000-000000000000" }, "organization_id"],
      [{ name: "ok", organization_id: "not-a-uuid" }, "organization_id"],
      [{ name: "ok", local_printing_enabled: "maybe" }, "local_printing_enabled"],
      [{ name: "Engineering" }, "name"],
    ];
    for (const [body, field] of cases) {
      const r = await send("POST", "/printing/v1/groups/", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.body)).toEqual([field]);
      expect(Array.isArray(r.body[field])).toBe(true);
    }
    expect((await send("POST", "/printing/v1/groups/", { name: "x".repeat(255) })).status).toBe(201);
    expect(await allGroups()).toHaveLength(11);
  });

  it("§3.5 delete → 204 empty; the group leaves members' groups and printer assignments", async () => {
    const groups = await allGroups();
    const g = groups.find((x) => x.num_members > 0 && x.num_printers > 0);
    if (!g) throw new Error("seed has no group with members and printers");
    const d = await send("DELETE", `/printing/v1/groups/${g.id}/`);
    expect(d.status).toBe(204);
    expect(d.text).toBe("");
    expect((await get(`/printing/v1/groups/${g.id}/`)).status).toBe(404);
    for (const u of await allPrintingUsers()) expect(u.groups.map((x) => x.group_id)).not.toContain(g.id);
    const a = await get<Page<PrinterAssignments>>("/printing/v1/assignments/?limit=100");
    for (const p of a.body.results)
      for (const as of p.assignments) expect(as.groups.map((x) => x.group_id)).not.toContain(g.id);
    expect((await get<Page<PrinterAssignments>>(`/printing/v1/assignments/?group=${g.id}`)).body.count).toBe(
      0,
    );
    expect((await send("DELETE", `/printing/v1/groups/${g.id}/`)).status).toBe(404);
  });

  it("§3.14 addAzureGroups seeds Azure-origin groups (idempotent by foreign id)", async () => {
    const [g] = sim().addAzureGroups(sim().organizationId, [
      { name: "AAD Printing", foreignId: "11111111-1111-4111-8111-111111111111" },
    ]);
    expect(g.origin).toEqual({ provider: "Azure", foreign_id: "11111111-1111-4111-8111-111111111111" });
    const [again] = sim().addAzureGroups(sim().organizationId, [
      { name: "AAD Printing renamed", foreignId: "11111111-1111-4111-8111-111111111111" },
    ]);
    expect(again.id).toBe(g.id);
    expect((await get<Group>(`/printing/v1/groups/${g.id}/`)).body.name).toBe("AAD Printing renamed");
    // Shows up in assignments as group_foreign_id.
    const printers = (await get<Page<PrinterAssignments>>("/printing/v1/assignments/")).body.results;
    await send("PUT", `/printing/v1/assignments/${printers[0].printer_id}/`, {
      assignment: [{ groups: [{ group_id: g.id }] }],
    });
    const a = await get<PrinterAssignments>(`/printing/v1/assignments/${printers[0].printer_id}/`);
    expect(a.body.assignments[0].groups.find((x) => x.group_id === g.id)?.group_foreign_id).toBe(
      "11111111-1111-4111-8111-111111111111",
    );
  });
});

describe("printing users (membership)", () => {
  it("§3.4 a printing user has flags and groups", async () => {
    const [u] = await allPrintingUsers();
    expect(u).toEqual({
      id: expect.any(String),
      local_printing_enabled: expect.any(Boolean),
      self_service_enabled: expect.any(Boolean),
      myprinters_enabled: expect.any(Boolean),
      groups: expect.any(Array),
    });
    expect((await get<PrintingUser>(`/printing/v1/users/${u.id}/`)).body).toEqual(u);
  });

  it("§3.4 PATCH groups replaces the whole membership", async () => {
    const groups = await allGroups();
    const [a, b, c] = groups;
    const u = (await allPrintingUsers())[5];
    const r1 = await send<PrintingUser>("PATCH", `/printing/v1/users/${u.id}/`, {
      groups: [{ group_id: a.id }],
    });
    expect(r1.status).toBe(200);
    expect(r1.body.groups).toEqual([{ group_id: a.id }]);
    const r2 = await send<PrintingUser>("PATCH", `/printing/v1/users/${u.id}/`, {
      groups: [{ group_id: b.id }, { group_id: c.id }],
    });
    expect(r2.body.groups.map((x) => x.group_id).sort()).toEqual([b.id, c.id].sort());
    const after = await allGroups();
    expect(after.find((g) => g.id === a.id)?.num_members).toBe(
      a.num_members - (u.groups.some((x) => x.group_id === a.id) ? 1 : 0),
    );
    const r3 = await send<PrintingUser>("PATCH", `/printing/v1/users/${u.id}/`, { groups: [] });
    expect(r3.body.groups).toEqual([]);
  });

  it("§4 #3 PUT has the same replace semantics", async () => {
    const [g] = await allGroups();
    const u = (await allPrintingUsers())[7];
    const r = await send<PrintingUser>("PUT", `/printing/v1/users/${u.id}`, { groups: [{ group_id: g.id }] });
    expect(r.body.groups).toEqual([{ group_id: g.id }]);
  });

  it("§3.4 boolean flags are patchable without touching groups", async () => {
    const u = (await allPrintingUsers()).find((x) => x.groups.length > 0) as PrintingUser;
    const r = await send<PrintingUser>("PATCH", `/printing/v1/users/${u.id}/`, {
      local_printing_enabled: !u.local_printing_enabled,
      pull_printing_enabled: true,
    });
    expect(r.body.local_printing_enabled).toBe(!u.local_printing_enabled);
    expect(r.body).not.toHaveProperty("pull_printing_enabled"); // settable, never reported (§3.4)
    expect(r.body.groups).toEqual(u.groups);
  });

  it("Appendix A: an unknown group_id → 400 field error and nothing changes", async () => {
    const u = (await allPrintingUsers()).find((x) => x.groups.length > 0) as PrintingUser;
    const [g] = await allGroups();
    const r = await send("PATCH", `/printing/v1/users/${u.id}/`, {
      groups: [{ group_id: g.id }, { group_id: "00000000-0000-4000-8000-000000000000" }],
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body)).toEqual(["groups"]);
    expect((await get<PrintingUser>(`/printing/v1/users/${u.id}/`)).body.groups).toEqual(u.groups);
    expect((await send("PATCH", `/printing/v1/users/${u.id}/`, { groups: "nope" })).status).toBe(400);
  });

  it("§3.4 unknown printing user → 404", async () => {
    expect(
      (await send("PATCH", "/printing/v1/users/00000000-0000-4000-8000-000000000000/", { groups: [] }))
        .status,
    ).toBe(404);
  });
});

describe("account users", () => {
  it("§3.2 account users carry identity fields; demo has ~60 verified users at acme.example", async () => {
    const r = await get<Page<AccountUser>>("/v1/users/?per_page=100");
    const verified = r.body.results.filter((u) => u.is_verified);
    expect(verified.length).toBeGreaterThanOrEqual(55);
    expect(verified.length).toBeLessThanOrEqual(65);
    const u = verified[3];
    expect(u.email).toMatch(/@acme\.example$/);
    expect(u.display_name).toBe(`${u.first_name} ${u.last_name}`);
    expect(u.user_invitations).toBeNull();
    expect(Object.keys(u).sort()).toEqual(
      [
        "id",
        "email",
        "first_name",
        "last_name",
        "display_name",
        "date_joined",
        "azure_profile",
        "id_profile",
        "user_invitations",
        "roles",
        "is_verified",
      ].sort(),
    );
    expect(u.date_joined).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("§3.2 PATCH first/last/email/roles; a roles string is coerced to an array; display_name recomputed", async () => {
    const u = (await get<Page<AccountUser>>("/v1/users/")).body.results[4];
    const r = await send<AccountUser>("PATCH", `/v1/users/${u.id}/`, {
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@acme.example",
      roles: "admin",
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      display_name: "Ada Lovelace",
      email: "ada@acme.example",
      roles: ["admin"],
    });
    expect((await send<AccountUser>("PATCH", `/v1/users/${u.id}/`, { roles: ["user"] })).body.roles).toEqual([
      "user",
    ]);
  });

  it("§2.5 PATCH account user validation → 400 field maps", async () => {
    const [a, b] = (await get<Page<AccountUser>>("/v1/users/")).body.results;
    expect((await send("PATCH", `/v1/users/${a.id}/`, { email: "not-an-email" })).body).toEqual({
      email: ["Enter a valid email address."],
    });
    expect((await send("PATCH", `/v1/users/${a.id}/`, { email: b.email })).status).toBe(400);
    expect(Object.keys((await send("PATCH", `/v1/users/${a.id}/`, { roles: ["superuser"] })).body)).toEqual([
      "roles",
    ]);
    expect(
      Object.keys((await send("PATCH", `/v1/users/${a.id}/`, { first_name: "x".repeat(151) })).body),
    ).toEqual(["first_name"]);
  });

  it("§3.2 DELETE → 204 and the user disappears from both views and from group counts", async () => {
    const pu = (await allPrintingUsers()).find((x) => x.groups.length > 0) as PrintingUser;
    const gid = pu.groups[0].group_id;
    const before = (await get<Group>(`/printing/v1/groups/${gid}/`)).body.num_members;
    const d = await send("DELETE", `/v1/users/${pu.id}/`);
    expect(d.status).toBe(204);
    expect(d.text).toBe("");
    expect((await get(`/v1/users/${pu.id}/`)).status).toBe(404);
    expect((await get(`/printing/v1/users/${pu.id}/`)).status).toBe(404);
    expect((await get<Group>(`/printing/v1/groups/${gid}/`)).body.num_members).toBe(before - 1);
  });

  it("§3.2 GET /v1/users/me with a client-credentials token → 404 (no user behind it)", async () => {
    expect((await get("/v1/users/me")).status).toBe(404);
  });

  it("§3.1 GET /v1/organizations/ lists the caller's organizations", async () => {
    const r = await get<Page<{ id: string; name: string }>>("/v1/organizations/");
    expect(r.body.results).toEqual([
      expect.objectContaining({ id: sim().organizationId, name: "Acme Corp" }),
    ]);
  });
});

describe("organization isolation", () => {
  it("§1.8 a token of org A gets 404 on org B's objects and never sees them in lists", async () => {
    // Partner-create org B, then act on it with an org-B token.
    const created = await send<{ id: string }>("POST", "/partner/v1/organizations/", {
      name: "Globex",
      currency_code: "USD",
      admin_user: (await get<Page<AccountUser>>("/v1/users/")).body.results[0].id,
    });
    expect(created.status).toBe(201);
    const orgB = created.body.id;
    const tokB = await ccToken(sim(), sim().clients[0], { organization_id: orgB });
    const gB = await call<Group>(sim(), tokB, "POST", "/printing/v1/groups/", { name: "Engineering" }); // same name as in A: fine
    expect(gB.status).toBe(201);
    expect(gB.body.organization_id).toBe(orgB);
    const asA = (path: string, method = "GET", body?: unknown) => call(sim(), tok, method, path, body);
    expect((await asA(`/printing/v1/groups/${gB.body.id}/`)).status).toBe(404);
    expect((await asA(`/printing/v1/groups/${gB.body.id}/`, "PATCH", { name: "x" })).status).toBe(404);
    expect((await asA(`/printing/v1/groups/${gB.body.id}/`, "DELETE")).status).toBe(404);
    expect((await allGroups()).map((g) => g.id)).not.toContain(gB.body.id);
    // And org B sees none of A's groups or users.
    expect((await call<Page<Group>>(sim(), tokB, "GET", "/printing/v1/groups/")).body.count).toBe(1);
    const aGroup = (await allGroups())[0];
    expect((await call(sim(), tokB, "GET", `/printing/v1/groups/${aGroup.id}/`)).status).toBe(404);
    // A user of org B cannot be put into org A's group, and vice versa.
    const aUser = (await allPrintingUsers())[0];
    expect((await call(sim(), tokB, "PATCH", `/printing/v1/users/${aUser.id}/`, { groups: [] })).status).toBe(
      404,
    );
    expect(
      (await asA(`/printing/v1/users/${aUser.id}/`, "PATCH", { groups: [{ group_id: gB.body.id }] })).status,
    ).toBe(400);
  });
});
