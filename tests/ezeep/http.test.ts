import { describe, expect, it } from "vitest";
import { z } from "zod";

import { EzeepError } from "@/lib/ezeep/errors";
import {
  backoffDelay,
  buildQuery,
  createHttpClient,
  isIdempotent,
  isRetryableStatus,
  parseRetryAfter,
  withTrailingSlash,
} from "@/lib/ezeep/http";
import { createLane, type LaneStore } from "@/lib/ezeep/lanes";
import { withEzeepScope } from "@/lib/ezeep/scope";
import type { TokenProvider } from "@/lib/ezeep/token";

describe("Retry-After parsing", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads HTTP-dates", () => {
    expect(parseRetryAfter("Tue, 01 Jan 2030 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 31 Dec 2029 23:59:00 GMT", now)).toBe(0); // past → 0
  });
  it("ignores junk", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});

describe("backoff", () => {
  it("is full jitter within [0, min(max, base*2^n)]", () => {
    const o = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, { ...o, random: () => 0 })).toBe(0);
    expect(backoffDelay(0, { ...o, random: () => 0.999999 })).toBe(99);
    expect(backoffDelay(1, { ...o, random: () => 0.5 })).toBe(100);
    expect(backoffDelay(3, { ...o, random: () => 0.999999 })).toBe(799);
    expect(backoffDelay(10, { ...o, random: () => 0.999999 })).toBe(999); // capped
    expect(backoffDelay(50, { ...o, random: () => 1 })).toBe(1000);
    for (let n = 0; n < 20; n++) {
      const d = backoffDelay(n, o);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.min(1000, 100 * 2 ** n));
    }
  });
  it("classifies methods and statuses", () => {
    expect(["GET", "HEAD", "PUT", "DELETE"].every(isIdempotent)).toBe(true);
    expect(isIdempotent("POST")).toBe(false);
    expect(isIdempotent("PATCH")).toBe(false);
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 501].some(isRetryableStatus)).toBe(false);
  });
  it("builds paths and queries", () => {
    expect(withTrailingSlash("/printing/v1/groups")).toBe("/printing/v1/groups/");
    expect(withTrailingSlash("/printing/v1/groups/")).toBe("/printing/v1/groups/");
    expect(buildQuery({ a: 1, b: undefined, c: null, d: ["x", "y"], e: "a b" })).toBe("?a=1&d=x&d=y&e=a+b");
    expect(buildQuery({})).toBe("");
  });
});

// --- fake transport --------------------------------------------------------------------------

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "network" | "hang";
interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function fakeFetch(replies: Reply[]) {
  const seen: Seen[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    });
    const r = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (r === "network")
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    if (r === "hang") {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    }
    const asText = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    const text = r.body === undefined ? "" : asText;
    return new Response(r.status === 204 ? null : text, { status: r.status, headers: r.headers ?? {} });
  }) as typeof fetch;
  return { fn, seen };
}

function fakeTokens() {
  let n = 0;
  const invalidated: string[] = [];
  let current: string | null = null;
  const p: TokenProvider & { issued: () => number; invalidated: string[] } = {
    async getAccessToken() {
      if (!current) current = `tok-${++n}`;
      return current;
    },
    invalidate(t) {
      invalidated.push(t);
      if (current === t) current = null;
    },
    issued: () => n,
    invalidated,
  };
  return p;
}

function client(replies: Reply[], extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const f = fakeFetch(replies);
  const tokens = fakeTokens();
  const sleeps: number[] = [];
  const http = createHttpClient({
    accountUrl: "https://account.example/",
    apiUrl: "https://api.example",
    tokenProvider: tokens,
    fetch: f.fn,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { http, seen: f.seen, tokens, sleeps };
}

const item = z.object({ id: z.string() });

describe("request()", () => {
  it("sends JSON with content type, bearer token and a trailing slash", async () => {
    const c = client([{ status: 201, body: { id: "g1" } }]);
    const r = await c.http.request({
      host: "api",
      method: "POST",
      path: "/printing/v1/groups",
      json: { name: "x" },
      schema: item,
    });
    expect(r).toEqual({ id: "g1" });
    expect(c.seen[0]!.url).toBe("https://api.example/printing/v1/groups/");
    expect(c.seen[0]!.headers["Content-Type"]).toBe("application/json");
    expect(c.seen[0]!.headers.Authorization).toBe("Bearer tok-1");
    expect(c.seen[0]!.body).toBe('{"name":"x"}');
  });

  it("retries GET on 503 and 429 (honouring Retry-After) then succeeds", async () => {
    // A fixed clock: the lane's gate waits until now + Retry-After, exactly 2000 ms however busy the machine.
    const c = client(
      [{ status: 503 }, { status: 429, headers: { "Retry-After": "2" } }, { status: 200, body: { id: "a" } }],
      { now: () => 1_000_000 },
    );
    await expect(c.http.request({ host: "api", method: "GET", path: "/x/", schema: item })).resolves.toEqual({
      id: "a",
    });
    expect(c.seen).toHaveLength(3);
    expect(c.sleeps).toEqual([100, 2000]); // jitter 0.5 * 200, then Retry-After
  });

  it("gives up after maxRetries with the last error and the attempt count", async () => {
    const c = client([{ status: 502 }], { maxRetries: 2 });
    const e = await c.http.request({ host: "api", method: "GET", path: "/x/", schema: item }).catch((x) => x);
    expect(e).toBeInstanceOf(EzeepError);
    expect(e.status).toBe(502);
    expect(e.attempts).toBe(3);
    expect(c.seen).toHaveLength(3);
  });

  it("does not wait for a Retry-After above the cap", async () => {
    const c = client(
      [
        { status: 429, headers: { "Retry-After": "120" } },
        { status: 200, body: { id: "a" } },
      ],
      {
        maxRetryAfterMs: 5000,
      },
    );
    const e = await c.http.request({ host: "api", method: "GET", path: "/x/", schema: item }).catch((x) => x);
    expect(e.status).toBe(429);
    expect(e.retryAfterMs).toBe(120_000);
    expect(e.message).toMatch(/try again in 120 s/);
    expect(c.seen).toHaveLength(1);
  });

  it("never retries POST or PATCH on 503, network errors or timeouts", async () => {
    for (const method of ["POST", "PATCH"] as const) {
      const c = client([{ status: 503 }, { status: 200, body: { id: "a" } }]);
      const e = await c.http
        .request({ host: "api", method, path: "/x/", json: {}, schema: item })
        .catch((x) => x);
      expect(e.status).toBe(503);
      expect(c.seen).toHaveLength(1);
      const n = client(["network", { status: 200, body: { id: "a" } }]);
      const e2 = await n.http
        .request({ host: "api", method, path: "/x/", json: {}, schema: item })
        .catch((x) => x);
      expect(e2.kind).toBe("network");
      expect(n.seen).toHaveLength(1);
    }
  });

  it("retries PUT and DELETE (idempotent)", async () => {
    const c = client([{ status: 503 }, { status: 200, body: { id: "a" } }]);
    await c.http.request({ host: "api", method: "PUT", path: "/x/", json: {}, schema: item });
    expect(c.seen).toHaveLength(2);
    const d = client(["network", { status: 204 }]);
    await d.http.request({ host: "api", method: "DELETE", path: "/x/", schema: z.unknown() });
    expect(d.seen).toHaveLength(2);
  });

  it("on 401 invalidates the token and retries exactly once, for any method", async () => {
    const c = client([
      { status: 401, body: { detail: "Token expired" } },
      { status: 201, body: { id: "a" } },
    ]);
    await expect(
      c.http.request({ host: "api", method: "POST", path: "/x/", json: {}, schema: item }),
    ).resolves.toEqual({ id: "a" });
    expect(c.tokens.invalidated).toEqual(["tok-1"]);
    expect(c.seen.map((s) => s.headers.Authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);

    const d = client([{ status: 401 }]);
    const e = await d.http.request({ host: "api", method: "GET", path: "/x/", schema: item }).catch((x) => x);
    expect(e.kind).toBe("auth");
    expect(e.status).toBe(401);
    expect(d.seen).toHaveLength(2);
  });

  it("maps a hung request to a timeout (and retries GETs)", async () => {
    const c = client(["hang"], { timeoutMs: 30, maxRetries: 1 });
    const e = await c.http.request({ host: "api", method: "GET", path: "/x/", schema: item }).catch((x) => x);
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/within 0\.03 s/);
    expect(c.seen).toHaveLength(2);
  });

  it("maps invalid JSON and schema mismatches to malformed", async () => {
    const c = client([{ status: 200, body: "{not json" }]);
    const e = await c.http.request({ host: "api", method: "GET", path: "/x/", schema: item }).catch((x) => x);
    expect(e.kind).toBe("malformed");
    expect(e.status).toBeNull();
    const d = client([{ status: 200, body: { id: 5 } }]);
    const e2 = await d.http
      .request({ host: "api", method: "GET", path: "/x/", schema: item })
      .catch((x) => x);
    expect(e2.kind).toBe("malformed");
    expect(e2.message).toMatch(/id:/);
    const empty = client([{ status: 200 }]);
    const e3 = await empty.http
      .request({ host: "api", method: "GET", path: "/x/", schema: item })
      .catch((x) => x);
    expect(e3.kind).toBe("malformed");
    // malformed bodies are not retried
    expect(c.seen).toHaveLength(1);
  });

  it("sends form bodies without a bearer token when auth is none", async () => {
    const c = client([{ status: 200, body: { id: "t" } }]);
    await c.http.request({
      host: "account",
      method: "POST",
      path: "/oauth/access_token/",
      form: { grant_type: "client_credentials", scope: "printing" },
      headers: { Authorization: "Basic abc" },
      auth: "none",
      schema: item,
    });
    expect(c.seen[0]!.url).toBe("https://account.example/oauth/access_token/");
    expect(c.seen[0]!.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    expect(c.seen[0]!.headers.Authorization).toBe("Basic abc");
    expect(c.seen[0]!.body).toBe("grant_type=client_credentials&scope=printing");
    expect(c.tokens.issued()).toBe(0);
  });
});

describe("request scope", () => {
  const list = z.object({ results: z.array(z.object({ id: z.string(), tags: z.array(z.string()) })) });
  const get = (c: ReturnType<typeof client>) =>
    c.http.request({ host: "api", method: "GET", path: "/things/", schema: list });

  it("sends a GET once per scope and gives every caller its own objects", async () => {
    const c = client([{ status: 200, body: { results: [{ id: "a", tags: ["x"] }] } }]);
    await withEzeepScope(async () => {
      const [first, second] = await Promise.all([get(c), get(c)]);
      first.results[0]!.tags.push("changed by the first caller");
      const third = await get(c);
      expect(second.results[0]!.tags).toEqual(["x"]);
      expect(third.results[0]!.tags).toEqual(["x"]);
    });
    expect(c.seen).toHaveLength(1);
  });

  it("reports a malformed answer to every caller that shares it", async () => {
    const c = client([{ status: 200, body: { results: [{ id: 1 }] } }]);
    await withEzeepScope(async () => {
      const errors = await Promise.all([get(c).catch((e) => e), get(c).catch((e) => e)]);
      for (const e of errors) expect(e.kind).toBe("malformed");
    });
    expect(c.seen).toHaveLength(1);
  });
});

describe("lane gate prefetch", () => {
  /** A shared gate whose reads are counted and answer after `ms`. */
  function slowStore(blockedUntil: number, ms = 5) {
    let reads = 0;
    const store: LaneStore = {
      async readBlockedUntil() {
        reads++;
        await new Promise((r) => setTimeout(r, ms));
        return blockedUntil;
      },
      async writeBlockedUntil() {},
    };
    return { store, reads: () => reads };
  }

  it("starts the shared read at once; the first request waits for that read, not a second one", async () => {
    const s = slowStore(0);
    const lane = createLane("k", { store: s.store });
    lane.prefetch();
    expect(s.reads()).toBe(1);
    expect(await lane.whenOpen()).toBe(0);
    lane.prefetch(); // read just now: nothing to do
    expect(s.reads()).toBe(1);
  });

  it("a prefetched read that finds the lane closed still holds the request", async () => {
    const sleeps: number[] = [];
    let now = 1_000;
    const s = slowStore(1_400, 1);
    const lane = createLane("k", {
      store: s.store,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    lane.prefetch();
    expect(await lane.whenOpen()).toBe(400);
    expect(sleeps).toEqual([400]);
  });
});
