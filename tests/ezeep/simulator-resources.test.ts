// The client against the simulator (lib/ezeep-simulator): pagination on both hosts, error mapping
// from real answers, and every resource end to end. Section numbers map onto docs/ezeep.md (its
// last section).
import { describe, expect, it } from "vitest";

import { createEzeepClient } from "@/lib/ezeep";
import { caught, clientAgainstSimulator } from "@/tests/helpers/ezeep-client";

const { sim, makeClient, routeCount } = clientAgainstSimulator();

describe("pagination (§2.2)", () => {
  it("printing host: groups with limit 3 across pages", async () => {
    const client = makeClient();
    const first = await client.groups.list({ limit: 3 });
    expect(first.results).toHaveLength(3);
    expect(first.next).not.toBeNull();
    sim().resetStats();
    const ids: string[] = [];
    for await (const g of client.groups.iterate({ pageSize: 3 })) ids.push(g.id);
    expect(ids).toHaveLength(first.count);
    expect(new Set(ids).size).toBe(first.count);
    expect(routeCount("GET /printing/v1/groups/")).toBe(Math.ceil(first.count / 3));
  });

  it("printing host: next links that say http://api2.ezeep.com (proxy artefact) are rewritten onto apiUrl", async () => {
    const requested: string[] = [];
    const proxyFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(String(input));
      const res = await fetch(input, init);
      const text = await res.text();
      // What ezeep does behind its reverse proxy: absolute next links on the public host, http://.
      const rewritten = text.split(sim().apiUrl).join("http://api2.ezeep.com");
      return new Response(res.status === 204 ? null : rewritten, {
        status: res.status,
        headers: res.headers,
      });
    }) as typeof fetch;
    const client = makeClient({ fetch: proxyFetch });
    const first = await client.groups.list({ limit: 4 });
    expect(first.next).toMatch(/^http:\/\/api2\.ezeep\.com\/printing\/v1\/groups\/\?/);
    const all = await client.groups.all({ pageSize: 4 });
    expect(all).toHaveLength(first.count);
    const apiCalls = requested.filter((u) => u.includes("/printing/v1/"));
    expect(apiCalls.every((u) => u.startsWith(`${sim().apiUrl}/printing/v1/groups/`))).toBe(true);
    expect(apiCalls).toContain(`${sim().apiUrl}/printing/v1/groups/?limit=4&offset=8`);
  });

  it("printing host: assignments filtered by group", async () => {
    const client = makeClient();
    const groups = await client.groups.all();
    const eng = groups.find((g) => g.name === "Engineering")!;
    const rows = await client.assignments.all({ group: eng.id, pageSize: 1 });
    expect(rows.length).toBe(eng.num_printers);
    for (const r of rows)
      expect(r.assignments.flatMap((a) => a.groups.map((g) => g.group_id))).toContain(eng.id);
  });

  it("account host: users page/per_page 20", async () => {
    const client = makeClient();
    const first = await client.users.list({ per_page: 20 });
    expect(first.count).toBeGreaterThanOrEqual(60);
    sim().resetStats();
    const users = await client.users.all({ perPage: 20 });
    expect(users).toHaveLength(first.count);
    expect(new Set(users.map((u) => u.id)).size).toBe(first.count);
    expect(routeCount("GET /v1/users/")).toBe(Math.ceil(first.count / 20));
  });

  it("printing users and invitations iterate", async () => {
    const client = makeClient();
    const pusers = await client.printingUsers.all({ pageSize: 25 });
    expect(pusers.length).toBeGreaterThanOrEqual(60);
    const invites = await client.invitations.all({ perPage: 2 });
    expect(invites.length).toBeGreaterThanOrEqual(4);
    expect(invites.some((i) => i.invitation_status === "EXPIRED")).toBe(true);
  });
});

describe("error mapping from real answers (§2.5)", () => {
  it("400 field error: create a group with an empty name", async () => {
    const client = makeClient();
    const e = await caught(client.groups.create({ name: "" }));
    expect(e.status).toBe(400);
    expect(e.kind).toBe("http");
    expect(e.fieldErrors?.name?.length).toBeGreaterThan(0);
    expect(e.message).toMatch(/^Name: /);
  });

  it("404 for an unknown group", async () => {
    const client = makeClient();
    const e = await caught(client.groups.get("00000000-0000-0000-0000-000000000000"));
    expect(e.status).toBe(404);
    expect(e.message).toMatch(/not found in ezeep|No .* matches/i);
  });
});

describe("resources end to end", () => {
  it("groups CRUD and membership replace", async () => {
    const client = makeClient();
    const g = await client.groups.create({ name: `client-test-${Date.now()}`, description: "d" });
    expect(g.origin.provider).toBe("Ezeep");
    expect(g.organization_id).toBe(sim().organizationId);
    const u = (await client.printingUsers.list({ limit: 1 })).results[0]!;
    const before = u.groups.map((x) => x.group_id);
    const after = await client.printingUsers.setGroups(u.id, [...before, g.id]);
    expect(new Set(after.groups.map((x) => x.group_id))).toEqual(new Set([...before, g.id]));
    expect((await client.groups.get(g.id)).num_members).toBe(1);
    const renamed = await client.groups.update(g.id, { name: `${g.name}-2` });
    expect(renamed.name).toBe(`${g.name}-2`);
    await client.groups.delete(g.id);
    expect((await client.printingUsers.get(u.id)).groups.map((x) => x.group_id).sort()).toEqual(
      [...before].sort(),
    );
  });

  it("users, invitations, printers, connectors, drivers", async () => {
    const client = makeClient();
    const users = await client.users.list({ per_page: 3 });
    const one = await client.users.get(users.results[0]!.id);
    expect(one.email).toBe(users.results[0]!.email);

    const inv = await client.invitations.create({
      email: `client-${Date.now()}@acme.example`,
      expire_date: new Date(Date.now() + 86_400_000),
    });
    expect(inv.invitation_status).toBe("OPEN");
    expect((await client.invitations.resend(inv.id)).id).toBe(inv.id);

    const vendors = await client.drivers.vendors();
    expect(vendors.length).toBeGreaterThan(0);
    const drivers = await client.drivers.all({ vendor: vendors[0]! });
    expect(drivers.every((d) => d.vendor === vendors[0])).toBe(true);

    const conns = await client.connectors.all();
    expect(conns.length).toBeGreaterThan(0);
    const printers = await client.printers.all({ connector_id: conns[0]!.id });
    expect(printers.every((p) => p.connector_id === conns[0]!.id)).toBe(true);
    const p = printers[0]!;
    const updated = await client.printers.update(p.id, { driver_id: drivers[0]!.id });
    expect(updated.manual_driver_id ?? updated.driver_id).toBe(drivers[0]!.id);
    expect((await client.printers.get(p.id)).id).toBe(p.id);

    const fv = await client.connectors.filterValues();
    expect(fv.some((f) => f.field_name === "type")).toBe(true);
  });

  it("partner organizations: create (invitation scheme), list, get, update, delete (§3.1)", async () => {
    const client = makeClient();
    const org = await client.organizations.create({
      name: `Client Test Org ${Date.now()}`,
      currency_code: "EUR",
      admin_user_invitation: {
        email: `org-admin-${Date.now()}@example.com`,
        expire_date: new Date(Date.now() + 7 * 86_400_000),
        user: { first_name: "Ada", last_name: "Admin", preferred_language: "en" },
      },
    });
    expect(org.admin_user).toBeTruthy();
    const listed = await client.organizations.all({ perPage: 1 });
    expect(listed.map((o) => o.id)).toContain(org.id);
    expect(listed.map((o) => o.id)).toContain(sim().organizationId);
    expect((await client.organizations.get(org.id)).name).toBe(org.name);
    const renamed = await client.organizations.update(org.id, { name: `${org.name} (renamed)` });
    expect(renamed.name).toBe(`${org.name} (renamed)`);
    await client.organizations.delete(org.id);
    const e = await caught(client.organizations.get(org.id));
    expect(e.status).toBe(404);
  });

  it("a client bound to another organization via organization_id acts on it", async () => {
    const client = makeClient();
    const org = await client.organizations.create({
      name: `Second Org ${Date.now()}`,
      currency_code: "USD",
      admin_user_invitation: {
        email: `second-${Date.now()}@example.com`,
        expire_date: "2031-01-01T00:00:00",
        user: { first_name: "B", last_name: "C", preferred_language: "de" },
      },
    });
    const c = sim().clients[0]!;
    const scoped = createEzeepClient({
      accountUrl: sim().accountUrl,
      apiUrl: sim().apiUrl,
      credentials: { clientId: c.clientId, clientSecret: c.clientSecret, organizationId: org.id },
    });
    expect(await scoped.organizationId()).toBe(org.id);
    const g = await scoped.groups.create({ name: "Only in second org" });
    expect(g.organization_id).toBe(org.id);
    const mine = await makeClient().groups.all();
    expect(mine.some((x) => x.id === g.id)).toBe(false);
    await client.organizations.delete(org.id);
  });
});
