// Request shapes of every resource method, against a recording fake transport (§3).
import { describe, expect, it } from "vitest";

import { createEzeepClient, ezeepConfigFromEnv, formatEzeepDate } from "@/lib/ezeep";

const ORG = "11111111-1111-1111-1111-111111111111";
const jwt = `h.${Buffer.from(JSON.stringify({ org: ORG, exp: 9999999999 })).toString("base64url")}.s`;

const group = {
  id: "g1",
  name: "free",
  description: "",
  local_printing_enabled: true,
  myprinters_enabled: false,
  origin: { provider: "ezeep" },
  organization_id: ORG,
  num_members: 3,
  num_printers: 6,
  extra_field: "kept",
};
const puser = {
  id: "u1",
  local_printing_enabled: false,
  self_service_enabled: true,
  myprinters_enabled: true,
  groups: [{ group_id: "g1" }],
};
const assignment = {
  printer_id: "p1",
  printer_name: "TSC",
  assignments: [
    {
      settings: null,
      groups: [{ group_id: "g1", group_name: "free", group_foreign_id: null, force_chosen: false }],
    },
  ],
};
const printer = {
  id: "p1",
  name: "P",
  tp_id: 1,
  status: "Online",
  vendor_name: "",
  model_name: "",
  location: "",
  connector_id: "c1",
  driver_id: null,
  manual_driver_id: "d1",
  supported_formats: ["RAW"],
  blob_capabilities: null,
  pnp_id: "",
  auto_driver_assignment_state: "SKIPPED",
};
const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });

function setup() {
  const calls: { method: string; url: string; body: unknown; ct?: string }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const raw = init?.body as string | undefined;
    if (url.endsWith("/oauth/access_token/")) {
      return Response.json({ access_token: jwt, token_type: "Bearer", expires_in: 3600, scope: "" });
    }
    const isJson = headers["Content-Type"] === "application/json";
    const body: unknown = isJson && raw !== undefined ? JSON.parse(raw) : raw;
    calls.push({ method, url, body, ...(headers["Content-Type"] ? { ct: headers["Content-Type"] } : {}) });
    const path = new URL(url).pathname;
    if (method === "DELETE") return new Response(null, { status: 204 });
    if (path === "/printing/v1/groups/")
      return method === "POST" ? Response.json(group, { status: 201 }) : Response.json(page([group]));
    if (path.startsWith("/printing/v1/groups/")) return Response.json(group);
    if (path.startsWith("/printing/v1/users/"))
      return Response.json(path === "/printing/v1/users/" ? page([puser]) : puser);
    if (path.startsWith("/printing/v1/assignments/"))
      return Response.json(path === "/printing/v1/assignments/" ? page([assignment]) : assignment);
    if (path.startsWith("/printing/v1/printers/"))
      return Response.json(path === "/printing/v1/printers/" ? page([printer]) : printer);
    if (path === "/printing/v1/filter_values/connector/")
      return Response.json([{ field_name: "type", values: ["TPHub"] }]);
    if (path === "/printing/v1/drivers/vendors/") return Response.json(["HP", "Zebra"]);
    if (path.startsWith("/v1/userinvitations/")) {
      return method === "PATCH"
        ? Response.json({ id: "i1" })
        : Response.json(
            {
              id: "i1",
              email: "a@b.c",
              expire_date: "x",
              delivery_status: "SENT",
              invitation_status: "OPEN",
              updated: "y",
            },
            { status: 201 },
          );
    }
    if (path.startsWith("/partner/v1/organizations/"))
      return Response.json(
        path.endsWith("organizations/") && method === "GET"
          ? [{ id: "o", name: "O" }]
          : { id: "o", name: "O", admin_user: "u" },
      );
    return new Response(JSON.stringify({ detail: "Not found." }), { status: 404 });
  }) as typeof fetch;
  const client = createEzeepClient({
    accountUrl: "https://account.example",
    apiUrl: "https://api.example/",
    credentials: { clientId: "id", clientSecret: "secret" },
    fetch: fetchFn,
  });
  return { client, calls };
}

describe("client request shapes", () => {
  it("groups: parse, keep unknown fields, normalise provider casing, default organization_id from the token", async () => {
    const { client, calls } = setup();
    const p = await client.groups.list({ limit: 3 });
    expect(p.results[0]!.origin.provider).toBe("Ezeep");
    expect((p.results[0] as Record<string, unknown>).extra_field).toBe("kept");
    expect(calls[0]!.url).toBe("https://api.example/printing/v1/groups/?limit=3");
    await client.groups.create({ name: "x" });
    expect(calls[1]).toMatchObject({
      method: "POST",
      url: "https://api.example/printing/v1/groups/",
      body: { name: "x", organization_id: ORG },
      ct: "application/json",
    });
    await client.groups.update("g 1", { name: "y" });
    expect(calls[2]).toMatchObject({ method: "PATCH", url: "https://api.example/printing/v1/groups/g%201/" });
    await client.groups.delete("g1");
    expect(calls[3]).toMatchObject({ method: "DELETE", url: "https://api.example/printing/v1/groups/g1/" });
    expect(await client.organizationId()).toBe(ORG);
  });

  it("printingUsers.setGroups sends the REPLACE body via PATCH", async () => {
    const { client, calls } = setup();
    await client.printingUsers.setGroups("u1", ["a", "b", "a"]);
    expect(calls[0]).toMatchObject({
      method: "PATCH",
      url: "https://api.example/printing/v1/users/u1/",
      body: { groups: [{ group_id: "a" }, { group_id: "b" }] },
    });
    await client.printingUsers.setGroups("u1", []);
    expect(calls[1]!.body).toEqual({ groups: [] });
  });

  it("assignments: PUT assign, DELETE unassign with the same body, list by group", async () => {
    const { client, calls } = setup();
    const a = await client.assignments.assign("p1", ["g1", "g2"]);
    expect(a.printer_id).toBe("p1");
    expect(calls[0]).toMatchObject({
      method: "PUT",
      url: "https://api.example/printing/v1/assignments/p1/",
      body: { assignment: [{ groups: [{ group_id: "g1" }, { group_id: "g2" }] }] },
    });
    await client.assignments.unassign("p1", ["g2"]);
    expect(calls[1]).toMatchObject({
      method: "DELETE",
      url: "https://api.example/printing/v1/assignments/p1/",
      body: { assignment: [{ groups: [{ group_id: "g2" }] }] },
    });
    await client.assignments.all({ group: "g1" });
    expect(calls[2]!.url).toBe("https://api.example/printing/v1/assignments/?group=g1&limit=100&offset=0");
  });

  it("invitations: create on /v1/userinvitations/ with a formatted date; resend = PATCH without body", async () => {
    const { client, calls } = setup();
    await client.invitations.create({ email: "a@b.c", expire_date: new Date("2030-01-31T10:20:30.456Z") });
    expect(calls[0]).toMatchObject({
      method: "POST",
      url: "https://account.example/v1/userinvitations/",
      body: { email: "a@b.c", expire_date: "2030-01-31T10:20:30" },
    });
    expect(await client.invitations.resend("i1")).toMatchObject({ id: "i1" });
    expect(calls[1]).toMatchObject({
      method: "PATCH",
      url: "https://account.example/v1/userinvitations/i1/",
      body: undefined,
    });
  });

  it("printers, connectors, drivers, organizations", async () => {
    const { client, calls } = setup();
    await client.printers.list({ connector_id: "c1" });
    expect(calls[0]!.url).toBe("https://api.example/printing/v1/printers/?connector_id=c1");
    const pr = await client.printers.update("p1", { driver_id: "d1" });
    expect(pr.manual_driver_id).toBe("d1");
    expect(calls[1]).toMatchObject({ method: "PATCH", body: { driver_id: "d1" } });
    expect(await client.connectors.filterValues()).toEqual([{ field_name: "type", values: ["TPHub"] }]);
    await client.connectors.delete("c1");
    expect(calls[3]).toMatchObject({
      method: "DELETE",
      url: "https://api.example/printing/v1/connectors/c1/",
    });
    expect(await client.drivers.vendors()).toEqual(["HP", "Zebra"]);
    const orgs = await client.organizations.list();
    expect(orgs.results).toEqual([{ id: "o", name: "O" }]);
    expect(calls[5]!.url).toBe("https://account.example/partner/v1/organizations/");
  });

  it("users.me uses /v1/users/me/", async () => {
    const { client, calls } = setup();
    await client.users.me().catch(() => undefined);
    expect(calls[0]!.url).toBe("https://account.example/v1/users/me/");
  });
});

describe("config from env", () => {
  it("returns null without credentials, applies defaults otherwise", () => {
    expect(ezeepConfigFromEnv({})).toBeNull();
    expect(ezeepConfigFromEnv({ EZEEP_CLIENT_ID: "a" })).toBeNull();
    const c = ezeepConfigFromEnv({
      EZEEP_CLIENT_ID: "a",
      EZEEP_CLIENT_SECRET: "b",
      EZEEP_TIMEOUT_MS: "2500",
    })!;
    expect(c).toMatchObject({
      accountUrl: "https://account.ezeep.com",
      apiUrl: "https://api2.ezeep.com",
      clientId: "a",
      clientSecret: "b",
      timeoutMs: 2500,
    });
    expect(c.credentials).toEqual({ clientId: "a", clientSecret: "b" });
    const d = ezeepConfigFromEnv({
      EZEEP_CLIENT_ID: "a",
      EZEEP_CLIENT_SECRET: "b",
      EZEEP_API_URL: "http://127.0.0.1:5/",
      EZEEP_ORGANIZATION_ID: "o",
    })!;
    expect(d.apiUrl).toBe("http://127.0.0.1:5");
    expect(d.credentials).toEqual({ clientId: "a", clientSecret: "b", organizationId: "o" });
  });
  it("formats dates for ezeep", () => {
    expect(formatEzeepDate(new Date("2030-01-02T03:04:05.678Z"))).toBe("2030-01-02T03:04:05");
    expect(formatEzeepDate("2030-01-02T03:04:05")).toBe("2030-01-02T03:04:05");
  });
});
