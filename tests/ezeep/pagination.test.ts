import { describe, expect, it } from "vitest";

import { EzeepError } from "@/lib/ezeep/errors";
import {
  collectAll,
  iterateOffsetPages,
  iteratePagedPages,
  parseOffsetLink,
  parsePageLink,
  rewriteNextLink,
} from "@/lib/ezeep/pagination";
import type { Page } from "@/lib/ezeep/schemas";

describe("next-link rewriting (§2.2)", () => {
  it("takes only limit/offset from ezeep's http:// link and uses the configured base", () => {
    const next = "http://api2.ezeep.com/printing/v1/assignments/?limit=20&offset=20";
    expect(
      rewriteNextLink(next, { baseUrl: "https://api2.ezeep.com/", path: "/printing/v1/assignments/" }),
    ).toBe("https://api2.ezeep.com/printing/v1/assignments/?limit=20&offset=20");
    expect(
      rewriteNextLink("http://evil.example/other/?limit=5&offset=10&group=zzz", {
        baseUrl: "http://127.0.0.1:4000",
        path: "/printing/v1/assignments/",
        query: { group: "g1", limit: 3, offset: 0 },
      }),
    ).toBe("http://127.0.0.1:4000/printing/v1/assignments/?group=g1&limit=5&offset=10");
    expect(rewriteNextLink(null, { baseUrl: "https://x", path: "/p/" })).toBeNull();
  });
  it("parses links", () => {
    expect(parseOffsetLink("https://x/p/?offset=40&limit=20")).toEqual({ limit: 20, offset: 40 });
    expect(parseOffsetLink("?offset=3")).toEqual({ offset: 3 });
    expect(parseOffsetLink("https://x/p/?page=2")).toBeNull();
    expect(parsePageLink("https://account/v1/users/?page=3&per_page=20")).toEqual({ page: 3, per_page: 20 });
    expect(parsePageLink(null)).toBeNull();
  });
});

function offsetServer(total: number, nextBase = "http://api2.ezeep.com/printing/v1/groups/") {
  const calls: { limit?: number; offset: number }[] = [];
  const fetchPage = async (p: { limit?: number; offset: number }): Promise<Page<number>> => {
    calls.push(p);
    const limit = p.limit ?? 20;
    const results = Array.from(
      { length: Math.max(0, Math.min(limit, total - p.offset)) },
      (_, i) => p.offset + i,
    );
    const end = p.offset + results.length;
    return {
      count: total,
      next: end < total ? `${nextBase}?limit=${limit}&offset=${end}` : null,
      previous: null,
      results,
    };
  };
  return { fetchPage, calls };
}

describe("offset iteration", () => {
  it("walks every page", async () => {
    const s = offsetServer(7);
    expect(await collectAll(iterateOffsetPages(s.fetchPage, { pageSize: 3 }))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.calls).toEqual([
      { limit: 3, offset: 0 },
      { limit: 3, offset: 3 },
      { limit: 3, offset: 6 },
    ]);
  });
  it("stops early with collectAll max (one page after the other with prefetch 1)", async () => {
    const s = offsetServer(100);
    const first15 = collectAll(iterateOffsetPages(s.fetchPage, { pageSize: 10, prefetch: 1 }), { max: 15 });
    expect(await first15).toHaveLength(15);
    expect(s.calls).toHaveLength(2);
  });
  it("asks for the further pages in parallel once the count is known", async () => {
    const s = offsetServer(95);
    let inFlight = 0;
    let peak = 0;
    const fetchPage = async (p: { limit?: number; offset: number }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return s.fetchPage(p);
    };
    const items = await collectAll(iterateOffsetPages(fetchPage, { pageSize: 10 }));
    expect(items).toEqual(Array.from({ length: 95 }, (_, i) => i)); // in order, none twice
    expect(s.calls).toHaveLength(10);
    expect(peak).toBeGreaterThanOrEqual(8); // pages 2..10 requested together (prefetch 8)
  });
  it("reads the largest page ezeep allows unless told otherwise", async () => {
    const s = offsetServer(250);
    await collectAll(iterateOffsetPages(s.fetchPage));
    expect(s.calls.map((c) => c.limit)).toEqual([100, 100, 100]);
  });
  it("refuses a next link that does not advance", async () => {
    const fetchPage = async (): Promise<Page<number>> => ({
      count: 9,
      next: "?limit=1&offset=0",
      previous: null,
      results: [1],
    });
    await expect(collectAll(iterateOffsetPages(fetchPage))).rejects.toMatchObject({ kind: "malformed" });
  });
});

describe("page iteration", () => {
  it("walks page/per_page until next is null", async () => {
    const calls: unknown[] = [];
    const total = 45;
    const fetchPage = async (p: { page: number; per_page?: number }): Promise<Page<number>> => {
      calls.push(p);
      const per = p.per_page ?? 10;
      const start = (p.page - 1) * per;
      const results = Array.from({ length: Math.max(0, Math.min(per, total - start)) }, (_, i) => start + i);
      return {
        count: total,
        next: start + per < total ? `http://a/v1/users/?page=${p.page + 1}` : null,
        previous: null,
        results,
      };
    };
    const all = await collectAll(iteratePagedPages(fetchPage, { perPage: 20 }));
    expect(all).toHaveLength(45);
    expect(new Set(all).size).toBe(45);
    expect(calls).toEqual([
      { page: 1, per_page: 20 },
      { page: 2, per_page: 20 },
      { page: 3, per_page: 20 },
    ]);
  });
});

describe("early pages from the last count (expectedCount)", () => {
  /** An offset server that answers after a tick and records which pages were asked before page 1 answered. */
  function timedServer(total: number) {
    const s = offsetServer(total);
    let firstAnswered = false;
    const beforeFirst: number[] = [];
    const asked: number[] = [];
    const fetchPage = async (p: { limit?: number; offset: number }) => {
      asked.push(p.offset);
      if (!firstAnswered) beforeFirst.push(p.offset);
      await new Promise((r) => setTimeout(r, 2));
      if (p.offset === 0) firstAnswered = true;
      return s.fetchPage(p);
    };
    return { fetchPage, calls: s.calls, beforeFirst, asked };
  }

  it("asks for page 1 first and the next 7 pages beside it; every item once, in order", async () => {
    const s = timedServer(2_000);
    const items = await collectAll(iterateOffsetPages(s.fetchPage, { expectedCount: 2_000 }));
    expect(items).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
    expect(s.beforeFirst).toEqual([0, 100, 200, 300, 400, 500, 600, 700]);
    expect(s.calls).toHaveLength(20); // no page twice
  });

  it("a list that shrank since: the guesses past its end are dropped, the items are right", async () => {
    const s = timedServer(250);
    const items = await collectAll(iterateOffsetPages(s.fetchPage, { expectedCount: 2_000 }));
    expect(items).toEqual(Array.from({ length: 250 }, (_, i) => i));
    await new Promise((r) => setTimeout(r, 10));
    expect(s.asked).toHaveLength(8); // the 3 real pages and 5 wasted guesses, nothing more
  });

  it("a list that grew since: the pages after the guesses are read as usual", async () => {
    const s = timedServer(1_250);
    const items = await collectAll(iterateOffsetPages(s.fetchPage, { expectedCount: 300 }));
    expect(items).toEqual(Array.from({ length: 1_250 }, (_, i) => i));
    expect(s.beforeFirst).toEqual([0, 100, 200]);
    expect(s.calls).toHaveLength(13);
  });

  it("a server that serves smaller pages than asked: the guesses are not used, nothing is missed", async () => {
    const s = offsetServer(600);
    const capped = (p: { limit?: number; offset: number }) =>
      s.fetchPage({ ...p, limit: Math.min(p.limit ?? 50, 50) });
    const items = await collectAll(iterateOffsetPages(capped, { expectedCount: 600 }));
    expect(items).toEqual(Array.from({ length: 600 }, (_, i) => i));
  });

  it("page style: pages past the end answer 404 and are ignored", async () => {
    const total = 150;
    const calls: number[] = [];
    const fetchPage = async (p: { page: number; per_page?: number }): Promise<Page<number>> => {
      calls.push(p.page);
      const per = p.per_page ?? 100;
      const start = (p.page - 1) * per;
      if (start >= total && p.page > 1)
        throw new EzeepError({
          kind: "http",
          status: 404,
          method: "GET",
          path: "/v1/users/",
          message: "Invalid page.",
        });
      const results = Array.from({ length: Math.min(per, total - start) }, (_, i) => start + i);
      return {
        count: total,
        next: start + per < total ? `?page=${p.page + 1}` : null,
        previous: null,
        results,
      };
    };
    const items = await collectAll(iteratePagedPages(fetchPage, { expectedCount: 800 }));
    expect(items).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(calls.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
