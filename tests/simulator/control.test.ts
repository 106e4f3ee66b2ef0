// Fault injection, latency, stats, /__sim control routes, seeds and the CLI (lib/ezeep-simulator/README.md;
// docs/ezeep.md#errors for the status codes and error bodies the faults imitate).
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { startSimulator, type Group, type Page, type SimulatorStats } from "@/lib/ezeep-simulator";

import { call, ccToken, tokenRequest, useSim, type Json } from "./helpers";

const { sim } = useSim({ seed: "demo" });
let tok = "";
beforeEach(async () => {
  sim().reset("demo");
  sim().faults.clear();
  sim().setLatency(0);
  tok = await ccToken(sim());
  sim().resetStats();
});
afterEach(() => {
  sim().faults.clear();
  sim().setLatency(0);
});

const groups = () => call<Page<Group>>(sim(), tok, "GET", "/printing/v1/groups/");

describe("faults", () => {
  it('§2.4 status: 503 {detail: "Service unavailable"} for `times` requests, then normal', async () => {
    sim().faults.add({ path: "/printing/v1/groups/", kind: "status", times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await groups();
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ detail: "Service unavailable" });
    }
    expect((await groups()).status).toBe(200);
  });

  it("§2.4 status with a custom code; unlimited without `times`; clear() removes it", async () => {
    sim().faults.add({ path: "/printing/v1/groups", kind: "status", status: 502 });
    for (let i = 0; i < 3; i++) expect((await groups()).status).toBe(502);
    sim().faults.clear();
    expect((await groups()).status).toBe(200);
  });

  it("§2.6 rate_limit: 429 with Retry-After and the DRF throttle message; counted in stats", async () => {
    sim().faults.add({ path: "/printing/v1/groups/", kind: "rate_limit", retryAfter: 7, times: 1 });
    const r = await groups();
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("7");
    expect(r.body).toEqual({ detail: "Request was throttled. Expected available in 7 seconds." });
    expect(sim().stats().rateLimited).toBe(1);
    expect((await groups()).status).toBe(200);
  });

  it("timeout: the request hangs delayMs and then the socket is destroyed", async () => {
    sim().faults.add({ path: "/printing/v1/groups/", kind: "timeout", delayMs: 300, times: 1 });
    const t0 = Date.now();
    await expect(groups()).rejects.toThrow();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect((await groups()).status).toBe(200);
  });

  it("timeout: a client-side abort ends the wait early", async () => {
    sim().faults.add({ path: "/printing/v1/groups/", kind: "timeout", delayMs: 30_000, times: 1 });
    const t0 = Date.now();
    await expect(
      fetch(`${sim().apiUrl}/printing/v1/groups/`, {
        headers: { authorization: `Bearer ${tok}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("malformed: 200 application/json with a truncated body", async () => {
    sim().faults.add({ path: "/printing/v1/groups/", kind: "malformed", times: 1 });
    const r = await fetch(`${sim().apiUrl}/printing/v1/groups/`, {
      headers: { authorization: `Bearer ${tok}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    const text = await r.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it("§2.4 expire_token: 401 token_not_valid although the token is valid", async () => {
    sim().faults.add({ path: "/printing/v1/groups/", kind: "expire_token", times: 1 });
    const r = await call(sim(), tok, "GET", "/printing/v1/groups/");
    expect(r.status).toBe(401);
    expect(r.body.detail).toBe("Given token not valid for any token type");
    expect((await groups()).status).toBe(200);
  });

  it("reset: the connection is destroyed immediately", async () => {
    sim().faults.add({ path: "/printing/v1/groups/", kind: "reset", times: 1 });
    await expect(groups()).rejects.toThrow();
    expect((await groups()).status).toBe(200);
  });

  it("host, method and re: path filters narrow a rule", async () => {
    sim().faults.add({ host: "account", path: "/printing/v1/groups/", kind: "status" });
    expect((await groups()).status).toBe(200);
    sim().faults.clear();
    sim().faults.add({ method: "POST", path: "/printing/v1/groups/", kind: "status", times: 1 });
    expect((await groups()).status).toBe(200);
    sim().faults.clear();
    sim().faults.add({ path: "re:^/printing/v1/groups/[0-9a-f-]{36}/?$", kind: "status" });
    expect((await groups()).status).toBe(200);
    const id = (await groups()).body.results[0].id;
    expect((await call(sim(), tok, "GET", `/printing/v1/groups/${id}`)).status).toBe(503);
  });

  it("a faulted write does not change state", async () => {
    sim().faults.add({ method: "POST", path: "/printing/v1/groups/", kind: "status", times: 1 });
    expect((await call(sim(), tok, "POST", "/printing/v1/groups/", { name: "Ghost" })).status).toBe(503);
    expect((await groups()).body.count).toBe(10);
  });

  it("§1.2 faults apply to the token endpoint (both path forms) and count as failed token requests", async () => {
    sim().faults.add({ path: "/oauth/access_token", kind: "status", times: 1 });
    const r = await tokenRequest(sim(), { grant_type: "client_credentials" });
    expect(r.status).toBe(503);
    expect(sim().stats().tokenRequests).toMatchObject({ failed: 1, client_credentials: 0 });
    expect((await tokenRequest(sim(), { grant_type: "client_credentials" })).status).toBe(200);
  });

  it("invalid rules are rejected", () => {
    expect(() => sim().faults.add({ path: "", kind: "status" })).toThrow();
    expect(() => sim().faults.add({ path: "/x", kind: "boom" as "status" })).toThrow();
  });
});

describe("latency and stats", () => {
  it("latency is added to every API request", async () => {
    sim().setLatency(150);
    const t0 = Date.now();
    expect((await groups()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("latencyMs option applies from the start", async () => {
    const s = await startSimulator({ seed: "empty", latencyMs: 120 });
    try {
      const t0 = Date.now();
      await ccToken(s);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    } finally {
      await s.close();
    }
  });

  it("stats count requests, routes with :id, token grants and the in-flight peak", async () => {
    const id = (await groups()).body.results[0].id;
    await call(sim(), tok, "GET", `/printing/v1/groups/${id}`);
    await call(sim(), tok, "GET", `/printing/v1/groups/${id}/`);
    await ccToken(sim());
    await tokenRequest(
      sim(),
      { grant_type: "client_credentials" },
      { ...sim().clients[0], clientSecret: "bad" },
    );
    sim().setLatency(100);
    await Promise.all(Array.from({ length: 8 }, () => groups()));
    sim().setLatency(0);
    await fetch(`${sim().apiUrl}/__sim/stats`); // control routes are not counted
    const s: SimulatorStats = sim().stats();
    expect(s.requests).toBe(1 + 2 + 2 + 8);
    expect(s.byRoute["GET /printing/v1/groups/"]).toBe(9);
    expect(s.byRoute["GET /printing/v1/groups/:id/"]).toBe(2);
    expect(s.byRoute["POST /oauth/access_token/"]).toBe(2);
    expect(s.tokenRequests).toEqual({
      client_credentials: 1,
      authorization_code: 0,
      refresh_token: 0,
      failed: 1,
    });
    expect(s.inFlightMax).toBeGreaterThanOrEqual(4);
    expect(s.rateLimited).toBe(0);
    sim().resetStats();
    expect(sim().stats()).toMatchObject({ requests: 0, byRoute: {}, rateLimited: 0 });
  });
});

describe("/__sim HTTP control", () => {
  const ctl = async (
    base: string,
    method: string,
    p: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const r = await fetch(base + p, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Json) : {} };
  };

  it("faults, latency, stats and clients over HTTP on both listeners", async () => {
    for (const base of [sim().accountUrl, sim().apiUrl]) {
      expect(
        (
          await ctl(base, "POST", "/__sim/faults", {
            rule: { path: "/printing/v1/groups/", kind: "status", times: 1 },
          })
        ).status,
      ).toBe(200);
      expect((await groups()).status).toBe(503);
      await ctl(base, "POST", "/__sim/faults", { rule: { path: "/printing/v1/groups/", kind: "status" } });
      expect((await ctl(base, "DELETE", "/__sim/faults")).status).toBe(200);
      expect((await groups()).status).toBe(200);
    }
    expect(
      (await ctl(sim().apiUrl, "POST", "/__sim/faults", { rule: { path: "/x", kind: "nope" } })).status,
    ).toBe(400);
    await ctl(sim().apiUrl, "POST", "/__sim/latency", { ms: 120 });
    const t0 = Date.now();
    await groups();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    await ctl(sim().apiUrl, "POST", "/__sim/latency", { ms: 0 });
    const stats = await ctl(sim().accountUrl, "GET", "/__sim/stats");
    expect(stats.body.requests).toBeGreaterThan(0);
    await ctl(sim().accountUrl, "POST", "/__sim/stats/reset");
    expect((await ctl(sim().accountUrl, "GET", "/__sim/stats")).body.requests).toBe(0);
    const clients = await ctl(sim().apiUrl, "GET", "/__sim/clients");
    expect(clients.body).toEqual(sim().clients);
  });

  it("reset, azure-groups and tokens/expire over HTTP", async () => {
    const az = await ctl(sim().apiUrl, "POST", "/__sim/azure-groups", {
      organizationId: sim().organizationId,
      groups: [{ name: "AAD Sales", foreignId: "22222222-2222-4222-8222-222222222222" }],
    });
    expect(az.status).toBe(201);
    expect((await groups()).body.count).toBe(11);
    const r = await ctl(sim().accountUrl, "POST", "/__sim/reset", { seed: "empty" });
    expect(r.body.organizationId).toBe(sim().organizationId);
    tok = await ccToken(sim());
    expect((await groups()).body.count).toBe(0);
    await ctl(sim().accountUrl, "POST", "/__sim/reset", {});
    tok = await ccToken(sim());
    expect((await groups()).body.count).toBe(10);
    await ctl(sim().apiUrl, "POST", "/__sim/tokens/expire");
    expect((await groups()).status).toBe(401);
    expect((await ctl(sim().apiUrl, "GET", "/__sim/nope")).status).toBe(404);
  });
});

describe("seeds", () => {
  it("demo seed is deterministic: same ids and names across runs; credentials are random", async () => {
    const a = await startSimulator();
    const b = await startSimulator();
    try {
      expect(a.organizationId).toBe(b.organizationId);
      const [ta, tb] = [await ccToken(a), await ccToken(b)];
      const ga = await call<Page<Group>>(a, ta, "GET", "/printing/v1/groups/");
      const gb = await call<Page<Group>>(b, tb, "GET", "/printing/v1/groups/");
      expect(ga.body.results).toEqual(gb.body.results);
      const ua = await call<Page<Json>>(a, ta, "GET", "/v1/users/?per_page=100");
      const ub = await call<Page<Json>>(b, tb, "GET", "/v1/users/?per_page=100");
      expect(ua.body.results.map((u) => [u.id, u.email])).toEqual(
        ub.body.results.map((u) => [u.id, u.email]),
      );
      expect(a.clients[0].clientId).not.toBe(b.clients[0].clientId);
      expect(a.clients[0].redirectUris).toEqual(["http://localhost:3000/code", "http://127.0.0.1:3000/code"]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("{users: 10000} builds a large org in under 2 s", async () => {
    const t0 = Date.now();
    const s = await startSimulator({ seed: { users: 10_000 } });
    try {
      expect(Date.now() - t0).toBeLessThan(2000);
      const t = await ccToken(s);
      const users = await call<Page<unknown>>(s, t, "GET", "/printing/v1/users/?limit=100");
      expect(users.body.count).toBe(10_000);
      expect(users.body.results).toHaveLength(100);
      const acc = await call<Page<unknown>>(s, t, "GET", "/v1/users/");
      expect(acc.body.count).toBeGreaterThan(10_000); // plus pending invitees
      const gs = await call<Page<Group>>(s, t, "GET", "/printing/v1/groups/?limit=100");
      expect(gs.body.count).toBe(100);
      expect(gs.body.results.reduce((n, g) => n + g.num_members, 0)).toBeGreaterThanOrEqual(10_000);
    } finally {
      await s.close();
    }
  });

  it("{users, groups, printers} counts are honoured", async () => {
    const s = await startSimulator({ seed: { users: 30, groups: 4, printers: 7 } });
    try {
      const t = await ccToken(s);
      expect((await call<Page<unknown>>(s, t, "GET", "/printing/v1/groups/")).body.count).toBe(4);
      expect((await call<Page<unknown>>(s, t, "GET", "/printing/v1/printers/")).body.count).toBe(7);
    } finally {
      await s.close();
    }
  });
});

describe("cli", () => {
  it("prints one JSON ready line and exits cleanly on SIGTERM", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      [
        "lib/ezeep-simulator/cli.ts",
        "--seed",
        "empty",
        "--client-id",
        "cli-id",
        "--client-secret",
        "cli-secret",
      ],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout });
        rl.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const ready = JSON.parse(line) as {
        accountUrl: string;
        apiUrl: string;
        clientId: string;
        clientSecret: string;
        organizationId: string;
      };
      expect(ready).toMatchObject({
        clientId: "cli-id",
        clientSecret: "cli-secret",
        organizationId: expect.any(String),
      });
      const t = await fetch(`${ready.accountUrl}/oauth/access_token/`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("cli-id:cli-secret").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
      expect(t.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
