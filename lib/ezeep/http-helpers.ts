// Pure pieces of the ezeep HTTP layer: URLs, query strings, Retry-After, backoff, which statuses and
// methods may be retried, and reading an answer's body against its schema (exported for tests).
import type { z } from "zod";

import { malformedError } from "./errors";
import type { HttpMethod, Query, RequestSpec } from "./http-types";

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_BASE_DELAY_MS = 200;
export const DEFAULT_MAX_DELAY_MS = 5_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;

/** Methods that may be repeated without changing the outcome (PUT on assignments included). */
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(["GET", "HEAD", "PUT", "DELETE"]);

export function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** `/printing/v1/groups` → `/printing/v1/groups/`; keeps an existing slash. */
export function withTrailingSlash(path: string): string {
  const p = path.startsWith("/") ? path : `/${path}`;
  return p.endsWith("/") ? p : `${p}/`;
}

export function buildQuery(query?: Query): string {
  if (!query) return "";
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) sp.append(k, String(item));
    else sp.append(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/**
 * Parses a Retry-After header (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Returns undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (/^-\d/.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Full-jitter exponential backoff: random() * min(maxDelayMs, baseDelayMs * 2^retryIndex). */
export function backoffDelay(
  retryIndex: number,
  opts: { baseDelayMs?: number; maxDelayMs?: number; random?: () => number } = {},
): number {
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const r = (opts.random ?? Math.random)();
  const ceiling = Math.min(max, base * 2 ** Math.max(0, retryIndex));
  return Math.floor(Math.min(Math.max(r, 0), 1) * ceiling);
}

/** Statuses worth retrying (idempotent calls only): 429 and 5xx except 501/505. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase() as HttpMethod);
}

export function hostOf(target: string): string {
  try {
    return new URL(target).host;
  } catch {
    return "ezeep";
  }
}

export function parseMaybeJson(text: string): unknown {
  const t = text.trim();
  if (!t) return null;
  try {
    return JSON.parse(t);
  } catch {
    return text;
  }
}

export function parseSuccess<S extends z.ZodType>(
  spec: RequestSpec<S>,
  path: string,
  res: { status: number; text: string },
): z.output<S> {
  let data: unknown = undefined;
  const t = res.text.trim();
  if (res.status !== 204 && t) {
    try {
      data = JSON.parse(t);
    } catch {
      throw malformedError(spec.method, path, "the body is not JSON");
    }
  }
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join(".")}: ` : "";
    let reason = "unexpected shape";
    if (data === undefined) reason = "the body is empty";
    else if (issue) reason = `${where}${issue.message}`;
    throw malformedError(spec.method, path, reason);
  }
  return parsed.data as z.output<S>;
}
