// Conventions (docs/ezeep.md#conventions): pagination on both hosts, slashes, unknown routes, error shapes.
import { request } from "node:http";

import { describe, expect, it } from "vitest";

import type { Group, Page } from "@/lib/ezeep-simulator";

import { call, useSim } from "./helpers";

const { sim, token } = useSim({ seed: { users: 250, groups: 130, printers: 30 } });

describe("api2 limit/offset pagination", () => {
  it("§2.2 default page size is 20 with an absolute http:// next link built from the Host", async () => {
    const r = await call<Page<Group>>(sim(), token(), "GET", "/printing/v1/groups/");
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(130);
    expect(r.body.results).toHaveLength(20);
    expect(r.body.previous).toBeNull();
    expect(r.body.next).toBe(`${sim().apiUrl}/printing/v1/groups/?limit=20&offset=20`);
  });

  it("§2.2 following next links walks every item exactly once; previous links go back", async () => {
    const seen = new Set<string>();
    let url: string | null = "/printing/v1/groups/?limit=50";
    let pages = 0;
    let last: Page<Group> | null = null;
    while (url) {
      const r: { body: Page<Group> } = await call<Page<Group>>(sim(), token(), "GET", url);
      r.body.results.forEach((g) => seen.add(g.id));
      last = r.body;
      url = r.body.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(130);
    expect(last?.previous).toBe(`${sim().apiUrl}/printing/v1/groups/?limit=50&offset=50`);
    const second = await call<Page<Group>>(sim(), token(), "GET", "/printing/v1/groups/?limit=50&offset=50");
    expect(second.body.previous).toBe(`${sim().apiUrl}/printing/v1/groups/?limit=50`);
  });

  it("§2.2 limit is capped at 100; junk limit/offset fall back to defaults", async () => {
    const r = await call<Page<Group>>(sim(), token(), "GET", "/printing/v1/groups/?limit=1000");
    expect(r.body.results).toHaveLength(100);
    expect(r.body.next).toContain("limit=100&offset=100");
    const junk = await call<Page<Group>>(sim(), token(), "GET", "/printing/v1/groups/?limit=abc&offset=-3");
    expect(junk.body.results).toHaveLength(20);
  });

  it("§2.2 the Host header decides the link origin", async () => {
    // fetch() cannot set Host; node:http can (a reverse proxy in front of the simulator would).
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${sim().apiUrl}/printing/v1/users/`,
        { headers: { authorization: `Bearer ${token()}`, host: "api2.example.test" } },
        (res) => {
          let data = "";
          res.on("data", (c: Buffer) => (data += c.toString()));
          res.on("end", () => resolve(data));
        },
      );
      req.on("error", reject);
      req.end();
    });
    const body = JSON.parse(text) as Page<unknown>;
    expect(body.next).toBe("http://api2.example.test/printing/v1/users/?limit=20&offset=20");
  });

  it("§2.2 extra query parameters survive in next links (assignments ?group=)", async () => {
    const groups = await call<Page<Group>>(sim(), token(), "GET", "/printing/v1/groups/?limit=100");
    const busy = groups.body.results.reduce((a, b) => (b.num_printers > a.num_printers ? b : a));
    const r = await call<Page<unknown>>(
      sim(),
      token(),
      "GET",
      `/printing/v1/assignments/?group=${busy.id}&limit=1`,
    );
    expect(r.body.count).toBe(busy.num_printers);
    if (busy.num_printers > 1) expect(r.body.next).toContain(`group=${busy.id}`);
  });
});

describe("account page/per_page pagination", () => {
  it("§2.2 /v1/users/ defaults to 20 per page with page links", async () => {
    const r = await call<Page<{ id: string }>>(sim(), token(), "GET", "/v1/users/");
    expect(r.body.results).toHaveLength(20);
    expect(r.body.count).toBeGreaterThanOrEqual(250);
    expect(r.body.next).toBe(`${sim().accountUrl}/v1/users/?page=2`);
    expect(r.body.previous).toBeNull();
  });

  it("§2.2 per_page is honoured and capped at 100; previous of page 2 drops the page param", async () => {
    const r = await call<Page<{ id: string }>>(sim(), token(), "GET", "/v1/users/?per_page=500&page=2");
    expect(r.body.results).toHaveLength(100);
    expect(r.body.previous).toBe(`${sim().accountUrl}/v1/users/?per_page=500`);
    expect(r.body.next).toBe(`${sim().accountUrl}/v1/users/?per_page=500&page=3`);
  });

  it("§2.2 walking all pages yields every user once", async () => {
    const ids = new Set<string>();
    let url: string | null = "/v1/users/?per_page=100";
    let count = 0;
    while (url) {
      const r: { body: Page<{ id: string }> } = await call<Page<{ id: string }>>(sim(), token(), "GET", url);
      r.body.results.forEach((u) => ids.add(u.id));
      count = r.body.count;
      url = r.body.next;
    }
    expect(ids.size).toBe(count);
  });

  it('§2.5 a page past the end → 404 {detail: "Invalid page."}', async () => {
    const r = await call(sim(), token(), "GET", "/v1/users/?page=999");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ detail: "Invalid page." });
  });
});

describe("paths and errors", () => {
  it("§2.1 collection and item paths work with and without the trailing slash", async () => {
    const list = await call<Page<Group>>(sim(), token(), "GET", "/printing/v1/groups");
    expect(list.status).toBe(200);
    const id = list.body.results[0].id;
    expect((await call(sim(), token(), "GET", `/printing/v1/groups/${id}`)).status).toBe(200);
    expect((await call(sim(), token(), "GET", `/printing/v1/groups/${id}/`)).status).toBe(200);
    expect((await call(sim(), token(), "GET", "/v1/users")).status).toBe(200);
  });

  it("§2.1 unknown routes → 404 {detail}", async () => {
    const r = await call(sim(), token(), "GET", "/printing/v1/does-not-exist/");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ detail: "Not found." });
    // Each host serves only its own paths.
    expect((await fetch(`${sim().accountUrl}/printing/v1/groups/`)).status).toBe(404);
    expect((await fetch(`${sim().apiUrl}/v1/users/`)).status).toBe(404);
  });

  it("§2.5 a method a route does not support → 405 {detail} with Allow", async () => {
    const r = await call(sim(), token(), "POST", "/printing/v1/connectors/", {});
    expect(r.status).toBe(405);
    expect(r.body).toEqual({ detail: 'Method "POST" not allowed.' });
    expect(r.headers.get("allow")).toContain("GET");
  });

  it('§2.5 an unknown object id → 404 {detail: "Not found."}', async () => {
    const r = await call(sim(), token(), "GET", "/printing/v1/groups/00000000-0000-4000-8000-000000000000/");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ detail: "Not found." });
  });

  it("§2.5 a broken JSON body → 400 {detail}", async () => {
    const r = await fetch(`${sim().apiUrl}/printing/v1/groups/`, {
      method: "POST",
      headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" },
      body: '{"name": ',
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/JSON parse error/);
  });

  it("§2.2 drivers/vendors and filter_values are plain arrays, not envelopes", async () => {
    const v = await call<string[]>(sim(), token(), "GET", "/printing/v1/drivers/vendors/");
    expect(Array.isArray(v.body)).toBe(true);
    const f = await call<unknown[]>(sim(), token(), "GET", "/printing/v1/filter_values/connector/");
    expect(Array.isArray(f.body)).toBe(true);
  });
});
