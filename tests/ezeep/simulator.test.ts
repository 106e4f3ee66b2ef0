// The client against the simulator (lib/ezeep-simulator), with faults: tokens, retries, timeouts
// and malformed answers. Pagination, error mapping and the resources are in
// simulator-resources.test.ts. Section numbers map onto docs/ezeep.md (its last section).
import { describe, expect, it } from "vitest";

import { createClientCredentialsTokenProvider, createEzeepClient } from "@/lib/ezeep";
import { caught, clientAgainstSimulator } from "@/tests/helpers/ezeep-client";

const { sim, makeClient, routeCount } = clientAgainstSimulator();

describe("tokens (§1.2, client credentials)", () => {
  it("100 concurrent calls make exactly one token request", async () => {
    const client = makeClient();
    const pages = await Promise.all(Array.from({ length: 100 }, () => client.groups.list({ limit: 1 })));
    expect(pages.every((p) => p.results.length === 1)).toBe(true);
    expect(sim().stats().tokenRequests.client_credentials).toBe(1);
  });

  it("reuses the cached token for later calls", async () => {
    const client = makeClient();
    await client.groups.list();
    await client.printers.list();
    await client.users.list({ per_page: 5 });
    expect(sim().stats().tokenRequests.client_credentials).toBe(1);
  });

  it("single-flight at the provider level too", async () => {
    const c = sim().clients[0]!;
    const p = createClientCredentialsTokenProvider({
      accountUrl: sim().accountUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
    });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => p.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(sim().stats().tokenRequests.client_credentials).toBe(1);
  });

  it("bad credentials → kind auth without leaking the secret", async () => {
    const client = createEzeepClient({
      accountUrl: sim().accountUrl,
      apiUrl: sim().apiUrl,
      credentials: { clientId: sim().clients[0]!.clientId, clientSecret: "definitely-wrong-secret" },
    });
    const e = await caught(client.groups.list());
    expect(e.kind).toBe("auth");
    expect(e.message).toMatch(/credentials/);
    expect(e.message).not.toContain("definitely-wrong-secret");
    expect(sim().stats().tokenRequests.failed).toBeGreaterThanOrEqual(1);
  });

  it("401 (expired token) → one token refetch and success", async () => {
    const client = makeClient();
    await client.groups.list();
    sim().faults.add({ host: "api", path: "/printing/v1/groups/", kind: "expire_token", times: 1 });
    const page = await client.groups.list();
    expect(page.count).toBeGreaterThan(0);
    expect(sim().stats().tokenRequests.client_credentials).toBe(2);
  });

  it("401 on a POST is retried once as well (the request was not processed)", async () => {
    const client = makeClient();
    await client.groups.list();
    sim().expireAllTokens();
    const g = await client.groups.create({ name: `after-expiry-${Date.now()}` });
    expect(g.id).toBeTruthy();
    expect(sim().stats().tokenRequests.client_credentials).toBe(2);
    await client.groups.delete(g.id);
  });
});

describe("retries (§2.6)", () => {
  it("GET retries on 503 and succeeds", async () => {
    const client = makeClient();
    sim().faults.add({
      host: "api",
      method: "GET",
      path: "/printing/v1/printers/",
      kind: "status",
      status: 503,
      times: 2,
    });
    const page = await client.printers.list();
    expect(page.results.length).toBeGreaterThan(0);
    expect(routeCount("GET /printing/v1/printers/")).toBe(3);
  });

  it("GET retries on 429 with Retry-After and succeeds", async () => {
    const client = makeClient();
    sim().faults.add({
      host: "api",
      method: "GET",
      path: "/printing/v1/groups/",
      kind: "rate_limit",
      retryAfter: 1,
      times: 1,
    });
    const page = await client.groups.list();
    expect(page.results.length).toBeGreaterThan(0);
    expect(routeCount("GET /printing/v1/groups/")).toBe(2);
    expect(sim().stats().rateLimited).toBe(1);
  });

  it("gives up after maxRetries with an actionable 503 message", async () => {
    const client = makeClient({ maxRetries: 2 });
    sim().faults.add({
      host: "api",
      method: "GET",
      path: "/printing/v1/groups/",
      kind: "status",
      status: 503,
    });
    const e = await caught(client.groups.list());
    expect(e.status).toBe(503);
    expect(e.kind).toBe("http");
    expect(e.message).toMatch(/ezeep is unavailable/);
    expect(routeCount("GET /printing/v1/groups/")).toBe(3);
  });

  it("POST is NOT retried on 503", async () => {
    const client = makeClient();
    sim().faults.add({
      host: "api",
      method: "POST",
      path: "/printing/v1/groups/",
      kind: "status",
      status: 503,
      times: 1,
    });
    const e = await caught(client.groups.create({ name: "never-created" }));
    expect(e.status).toBe(503);
    expect(routeCount("POST /printing/v1/groups/")).toBe(1);
    const all = await client.groups.all();
    expect(all.some((g) => g.name === "never-created")).toBe(false);
  });

  it("PUT on assignments is retried (idempotent)", async () => {
    const client = makeClient();
    const [printer] = (await client.assignments.list({ limit: 1 })).results;
    const groups = await client.groups.all();
    const target = groups.find((g) => g.name === "Legal") ?? groups[0]!;
    sim().faults.add({
      host: "api",
      method: "PUT",
      path: "/printing/v1/assignments/",
      kind: "status",
      status: 502,
      times: 1,
    });
    const res = await client.assignments.assign(printer!.printer_id, [target.id]);
    expect(res.assignments.flatMap((a) => a.groups.map((g) => g.group_id))).toContain(target.id);
    expect(routeCount("PUT /printing/v1/assignments/:id/")).toBe(2);
    await client.assignments.unassign(printer!.printer_id, [target.id]);
  });

  it("connection reset on GET is retried", async () => {
    const client = makeClient();
    sim().faults.add({
      host: "api",
      method: "GET",
      path: "/printing/v1/connectors/",
      kind: "reset",
      times: 1,
    });
    const page = await client.connectors.list();
    expect(page.results.length).toBeGreaterThan(0);
  });
});

describe("timeouts and malformed answers", () => {
  it("a hanging endpoint → kind timeout", async () => {
    const client = makeClient({ timeoutMs: 200, maxRetries: 1 });
    await client.groups.list(); // token first, so only the API call hangs
    sim().faults.add({ host: "api", path: "/printing/v1/groups/", kind: "timeout", delayMs: 2000 });
    const e = await caught(client.groups.list());
    expect(e.kind).toBe("timeout");
    expect(e.status).toBeNull();
    expect(e.message).toMatch(/ezeep did not answer within 0\.2 s/);
  });

  it("a malformed body → kind malformed", async () => {
    const client = makeClient();
    sim().faults.add({ host: "api", path: "/printing/v1/groups/", kind: "malformed", times: 1 });
    const e = await caught(client.groups.list());
    expect(e.kind).toBe("malformed");
    expect(e.message).toMatch(/could not read/);
  });
});
