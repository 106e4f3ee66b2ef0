// Pagination over ezeep's two styles (§2.2):
// - printing host (api2): `limit`/`offset`; `next` is an absolute URL that may carry the wrong
//   scheme/host (ezeep's own example says http:// behind its proxy). We never follow it as is:
//   only its limit/offset are taken and the request is re-issued on the configured base.
// - account host: `page`/`per_page` until `next` is null.

import { EzeepError } from "./errors";
import type { Page } from "./schemas";

/** Hard stop against servers that never end a listing. */
export const MAX_PAGES = 10_000;

function parseUrlish(link: string): URL | null {
  try {
    // Relative links ("?limit=20&offset=20" or "/printing/v1/...") resolve against a dummy base.
    return new URL(link, "http://ezeep.invalid/");
  } catch {
    return null;
  }
}

function intParam(sp: URLSearchParams, name: string): number | undefined {
  const v = sp.get(name);
  if (v === null || !/^\d+$/.test(v.trim())) return undefined;
  return Number(v);
}

/** `limit`/`offset` of a printing-host `next` link, or null when there is no next page. */
export function parseOffsetLink(next: string | null | undefined): { limit?: number; offset: number } | null {
  if (!next) return null;
  const u = parseUrlish(next);
  if (!u) return null;
  const offset = intParam(u.searchParams, "offset");
  if (offset === undefined) return null;
  const limit = intParam(u.searchParams, "limit");
  return limit === undefined ? { offset } : { limit, offset };
}

/** `page`/`per_page` of an account-host `next` link (page undefined when the link has none). */
export function parsePageLink(next: string | null | undefined): { page?: number; per_page?: number } | null {
  if (!next) return null;
  const u = parseUrlish(next);
  if (!u) return {};
  const out: { page?: number; per_page?: number } = {};
  const page = intParam(u.searchParams, "page");
  const perPage = intParam(u.searchParams, "per_page");
  if (page !== undefined) out.page = page;
  if (perPage !== undefined) out.per_page = perPage;
  return out;
}

/**
 * The URL the client requests for ezeep's `next` link: configured base + our own path and query,
 * with only limit/offset taken from the link. Returns null when there is no next page.
 */
export function rewriteNextLink(
  next: string | null | undefined,
  target: { baseUrl: string; path: string; query?: Record<string, string | number | undefined> },
): string | null {
  const lo = parseOffsetLink(next);
  if (!lo) return null;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(target.query ?? {})) {
    if (v !== undefined && k !== "limit" && k !== "offset") sp.set(k, String(v));
  }
  if (lo.limit !== undefined) sp.set("limit", String(lo.limit));
  sp.set("offset", String(lo.offset));
  return `${target.baseUrl.replace(/\/+$/, "")}${target.path}?${sp.toString()}`;
}

export interface OffsetIterateOptions {
  /** Page size sent as `limit` (the server may cap it). */
  pageSize?: number;
  /** First offset (default 0). */
  offset?: number;
}

/** Iterates a printing-host listing. `fetchPage` builds the request on the configured base. */
export async function* iterateOffsetPages<T>(
  fetchPage: (params: { limit?: number; offset: number }) => Promise<Page<T>>,
  opts: OffsetIterateOptions = {},
): AsyncGenerator<T, void, undefined> {
  let params: { limit?: number; offset: number } =
    opts.pageSize !== undefined
      ? { limit: opts.pageSize, offset: opts.offset ?? 0 }
      : { offset: opts.offset ?? 0 };
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await fetchPage(params);
    for (const item of page.results) yield item;
    const next = parseOffsetLink(page.next);
    if (!next || page.results.length === 0) return;
    if (next.offset <= params.offset) {
      throw new EzeepError({
        kind: "malformed",
        status: null,
        method: "GET",
        path: "",
        message: "ezeep sent a response the portal could not read (the next page link does not advance).",
      });
    }
    params =
      next.limit !== undefined
        ? next
        : { ...next, ...(params.limit !== undefined ? { limit: params.limit } : {}) };
  }
}

export interface PageIterateOptions {
  /** `per_page` (the server may cap it). */
  perPage?: number;
  /** First page (1-based, default 1). */
  page?: number;
}

/** Iterates an account-host listing (`page`/`per_page`) until `next` is null. */
export async function* iteratePagedPages<T>(
  fetchPage: (params: { page: number; per_page?: number }) => Promise<Page<T>>,
  opts: PageIterateOptions = {},
): AsyncGenerator<T, void, undefined> {
  let page = opts.page ?? 1;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const res = await fetchPage(opts.perPage !== undefined ? { page, per_page: opts.perPage } : { page });
    for (const item of res.results) yield item;
    const next = parsePageLink(res.next);
    if (!next || res.results.length === 0) return;
    const nextPage = next.page !== undefined && next.page > page ? next.page : page + 1;
    page = nextPage;
  }
}

/** Collects an async iterable into an array, stopping after `max` items (default: no limit). */
export async function collectAll<T>(iterable: AsyncIterable<T>, opts: { max?: number } = {}): Promise<T[]> {
  const out: T[] = [];
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  if (max <= 0) return out;
  for await (const item of iterable) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}
