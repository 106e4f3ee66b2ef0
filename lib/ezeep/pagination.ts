// Pagination over ezeep's two styles (§2.2):
// - printing host (api2): `limit`/`offset`; `next` is an absolute URL that may carry the wrong
//   scheme/host (ezeep's own example says http:// behind its proxy). We never follow it as is:
//   only its limit/offset are taken and the request is re-issued on the configured base.
// - account host: `page`/`per_page` until `next` is null.
// Both read the largest page ezeep allows by default and, once the first page has named the
// count, request the further pages concurrently (bounded by the lane, lib/ezeep/lanes.ts).
// A caller that knows how long the list was last time (`expectedCount`) gets the first further
// pages asked for beside the first one instead of a round later: the answers are used where the
// pages turn out the same, and a guess past the list's end is dropped (it costs a request only).

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

/** Largest page ezeep allows (§2.2: 100 is the only documented maximum, on both hosts). */
export const MAX_PAGE_SIZE = 100;
/** Further pages requested ahead of the consumer once the count is known. */
export const DEFAULT_PREFETCH = 8;

function notAdvancing(): EzeepError {
  return new EzeepError({
    kind: "malformed",
    status: null,
    method: "GET",
    path: "",
    message: "ezeep sent a response the portal could not read (the next page link does not advance).",
  });
}

/**
 * Yields the results of `requests` in order while keeping up to `window` of them in flight
 * (the lane's limiter bounds the real concurrency). A consumer that stops early leaves the rest
 * unread; their failures are ignored.
 */
async function* inOrder<T>(
  requests: (() => Promise<Page<T>>)[],
  window: number,
  onPage: (page: Page<T>, index: number) => boolean,
): AsyncGenerator<T, void, undefined> {
  const pending: Promise<Page<T>>[] = [];
  let started = 0;
  const fill = () => {
    while (started < requests.length && pending.length < window) {
      const p = requests[started++]!();
      p.catch(() => undefined); // awaited below, or abandoned by an early stop
      pending.push(p);
    }
  };
  for (let i = 0; i < requests.length; i++) {
    fill();
    const page = await pending.shift()!;
    for (const item of page.results) yield item;
    if (!onPage(page, i)) return;
  }
}

/**
 * Starts the pages a caller guessed it will need and answers later asks for the same page from
 * them; any other page is fetched as asked. A guess nobody asks for is dropped with its failure.
 */
function withEarlyPages<P, T>(
  fetchPage: (params: P) => Promise<Page<T>>,
  guesses: P[],
  key: (params: P) => string,
): (params: P) => Promise<Page<T>> {
  const started = new Map<string, Promise<Page<T>>>();
  for (const params of guesses) {
    const page = fetchPage(params);
    page.catch(() => undefined);
    started.set(key(params), page);
  }
  return (params) => {
    const page = started.get(key(params));
    if (!page) return fetchPage(params);
    started.delete(key(params));
    return page;
  };
}

/**
 * The further pages (numbered from 1 = the first page) a list of `expected` items would have,
 * as many as fit in the window beside the first page.
 */
function guessedPages(expected: number | undefined, pageSize: number, prefetch: number): number[] {
  if (!expected || expected <= pageSize) return [];
  const pages = Math.min(Math.ceil(expected / pageSize), MAX_PAGES);
  return Array.from({ length: Math.min(prefetch - 1, pages - 1) }, (_, i) => i + 2);
}

export interface OffsetIterateOptions {
  /** Page size sent as `limit` (the server may cap it). Default 100, the largest ezeep allows. */
  pageSize?: number;
  /** First offset (default 0). */
  offset?: number;
  /** Pages requested ahead once the count is known (default 8; 1 = one after the other). */
  prefetch?: number;
  /** How many items the list had last time: the first further pages are asked for at once. */
  expectedCount?: number;
}

type OffsetParams = { limit?: number; offset: number };

/**
 * Iterates a printing-host listing: the first page names the count, the further pages are then
 * requested in parallel (up to `prefetch` ahead) on the configured base, each with its own
 * limit/offset. If the last expected page still links to a next one (the list grew meanwhile),
 * the links are followed one after the other from there.
 */
export async function* iterateOffsetPages<T>(
  fetchPage: (params: OffsetParams) => Promise<Page<T>>,
  opts: OffsetIterateOptions = {},
): AsyncGenerator<T, void, undefined> {
  let params: OffsetParams = { limit: opts.pageSize ?? MAX_PAGE_SIZE, offset: opts.offset ?? 0 };
  const size = params.limit!;
  const start = params.offset;
  const prefetch = Math.max(1, opts.prefetch ?? DEFAULT_PREFETCH);
  const firstPage = fetchPage(params); // asked first: the guesses queue behind it in the lane
  const guesses = guessedPages(opts.expectedCount, size, prefetch).map((n): OffsetParams => ({
    limit: size,
    offset: start + (n - 1) * size,
  }));
  fetchPage = withEarlyPages(fetchPage, guesses, (p) => `${p.limit}:${p.offset}`);
  const first = await firstPage;
  yield* first.results;
  let next = parseOffsetLink(first.next);
  if (!next || first.results.length === 0) return;
  if (next.offset <= params.offset) throw notAdvancing();
  const step = next.offset - params.offset;
  const planned: OffsetParams[] = [];
  for (let o = next.offset; o < first.count && planned.length < MAX_PAGES; o += step)
    planned.push({
      ...(next.limit !== undefined ? { limit: next.limit } : { limit: params.limit }),
      offset: o,
    });
  let last: Page<T> | null = null;
  let ended = false;
  yield* inOrder(
    planned.map((p) => () => fetchPage(p)),
    prefetch,
    (page, i) => {
      last = page;
      params = planned[i]!;
      ended = page.results.length === 0 || !page.next;
      return !ended;
    },
  );
  if (planned.length === 0) last = first;
  if (ended || !last) return;
  next = parseOffsetLink((last as Page<T>).next);
  // The list grew while it was read: follow the links from here, one after the other.
  for (let pages = 0; next && pages < MAX_PAGES; pages++) {
    if (next.offset <= params.offset) throw notAdvancing();
    params = next.limit !== undefined ? next : { ...next, limit: params.limit };
    const page = await fetchPage(params);
    yield* page.results;
    if (page.results.length === 0) return;
    next = parseOffsetLink(page.next);
  }
}

export interface PageIterateOptions {
  /** `per_page` (the server may cap it). Default 100, the largest ezeep allows. */
  perPage?: number;
  /** First page (1-based, default 1). */
  page?: number;
  /** Pages requested ahead once the count is known (default 8; 1 = one after the other). */
  prefetch?: number;
  /** How many items the list had last time: the first further pages are asked for at once. */
  expectedCount?: number;
}

function isGone(err: unknown): boolean {
  return err instanceof EzeepError && err.status === 404;
}

/**
 * Iterates an account-host listing (`page`/`per_page`): the first page names the count, the
 * further pages are then requested in parallel. A page that no longer exists (DRF answers 404
 * "Invalid page." when the list shrank meanwhile) ends the listing; a last page that still links
 * to a next one (the list grew) is followed one page after the other.
 */
export async function* iteratePagedPages<T>(
  fetchPage: (params: { page: number; per_page?: number }) => Promise<Page<T>>,
  opts: PageIterateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const perPage = opts.perPage ?? MAX_PAGE_SIZE;
  let page = opts.page ?? 1;
  const prefetch = Math.max(1, opts.prefetch ?? DEFAULT_PREFETCH);
  const firstPage = fetchPage({ page, per_page: perPage }); // asked first, as above
  const guesses = guessedPages(opts.expectedCount, perPage, prefetch).map(
    (n): { page: number; per_page?: number } => ({ page: page + n - 1, per_page: perPage }),
  );
  fetchPage = withEarlyPages(fetchPage, guesses, (p) => `${p.page}:${p.per_page}`);
  const first = await firstPage;
  yield* first.results;
  if (!first.next || first.results.length === 0) return;
  const served = parsePageLink(first.next)?.per_page ?? first.results.length;
  const lastPage = Math.ceil(first.count / Math.max(1, served));
  const planned = Array.from(
    { length: Math.max(0, Math.min(lastPage, MAX_PAGES) - page) },
    (_, i) => page + 1 + i,
  );
  let more = planned.length === 0;
  const read = (n: number) => () =>
    fetchPage({ page: n, per_page: perPage }).catch((err: unknown) => {
      if (isGone(err)) return { count: 0, next: null, previous: null, results: [] } as Page<T>;
      throw err;
    });
  yield* inOrder(planned.map(read), prefetch, (res, i) => {
    page = planned[i]!;
    more = Boolean(res.next) && res.results.length > 0;
    return res.results.length > 0 && (i < planned.length - 1 || more);
  });
  for (let pages = 0; more && pages < MAX_PAGES; pages++) {
    page += 1;
    const res = await read(page)();
    yield* res.results;
    more = Boolean(res.next) && res.results.length > 0;
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
