import { describe, expect, it } from "vitest";

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
