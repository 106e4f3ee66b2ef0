// The one function that sends HTTP requests to ezeep: timeouts, JSON bodies, trailing slashes,
// retries with full-jitter backoff, Retry-After, one token refresh on 401, zod validation of every
// answer, the lane of each host (concurrency budget + Retry-After gate, lanes.ts) and the request
// scope (one GET per page view, scope.ts).
//
// Retry rule: a timeout, a dropped connection or a 5xx is retried only for idempotent methods
// (GET, HEAD, PUT, DELETE): ezeep may have applied a POST/PATCH whose answer was lost. A 429 is
// a refusal before anything was applied, so it is retried for EVERY method — after the wait ezeep
// asked for, which closes the lane's gate for all requests of that client to that host. A wait
// longer than `maxRetryAfterMs` is not sat out: the call fails with "ezeep asked the portal to
// wait N s".

import "server-only";

import type { z } from "zod";

import { recordEzeepRequest, recordThrottleWait, recordTokenRequest } from "@/lib/observability/metrics";

import { answerLost, EzeepError, httpError, malformedError, networkError, timeoutError } from "./errors";
import { createLane, type Lane, type LaneResolver } from "./lanes";
import { currentEzeepScope } from "./scope";
import type { TokenProvider } from "./token";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Host = "account" | "api";

export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Query = Record<string, QueryValue>;

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_BASE_DELAY_MS = 200;
export const DEFAULT_MAX_DELAY_MS = 5_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;

/** Methods that may be repeated without changing the outcome (PUT on assignments included). */
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(["GET", "HEAD", "PUT", "DELETE"]);

export interface HttpSettings {
  accountUrl: string;
  apiUrl: string;
  /** Bearer tokens for API calls; not needed when every request uses `auth: "none"`. */
  tokenProvider?: TokenProvider;
  timeoutMs?: number;
  /** Retries after the first attempt, idempotent calls only. Default 3. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Backoff: delay before retry n (0-based) is random() * min(maxDelayMs, baseDelayMs * 2^n). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After the client waits; a longer one fails at once with the 429/503. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  userAgent?: string;
  /**
   * The lane of each host (budget of requests in flight + Retry-After gate). Clients of one API
   * client share them (lanes.ts `laneFor`); default: private lanes without a budget.
   */
  lanes?: LaneResolver;
}

export interface RequestSpec<S extends z.ZodType> {
  host: Host;
  method: HttpMethod;
  /** Path on the host; a trailing slash is added unless `exactPath`. */
  path: string;
  query?: Query;
  /** JSON body (sent with Content-Type: application/json). */
  json?: unknown;
  /** Form body (application/x-www-form-urlencoded), for the OAuth endpoint. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  schema: S;
  /** "bearer" (default) adds the access token; "none" sends the given headers only. */
  auth?: "bearer" | "none";
  /** Override the method-based retry decision (e.g. client-credentials token requests). */
  retry?: boolean;
  /** Keep the path as written (no trailing slash added). */
  exactPath?: boolean;
  /** OAuth token endpoint: 4xx answers become kind "auth" with an OAuth-aware message. */
  tokenEndpoint?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpClient {
  request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>>;
  /** Absolute URL on the configured base of a host. */
  url(host: Host, path: string, query?: Query, exactPath?: boolean): string;
  readonly settings: Readonly<ResolvedSettings>;
}

interface ResolvedSettings {
  accountUrl: string;
  apiUrl: string;
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for tests)

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

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Numbers the clients of this process, so remembered GETs of two clients never mix. */
let clientSerial = 0;

// ---------------------------------------------------------------------------------------------

type Attempt =
  { type: "response"; status: number; headers: Headers; text: string } | { type: "error"; error: EzeepError };

export function createHttpClient(config: HttpSettings): HttpClient {
  const settings: ResolvedSettings = {
    accountUrl: stripTrailingSlash(config.accountUrl),
    apiUrl: stripTrailingSlash(config.apiUrl),
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: Math.max(0, config.maxRetries ?? DEFAULT_MAX_RETRIES),
    baseDelayMs: config.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
    maxDelayMs: config.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    maxRetryAfterMs: config.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
  };
  const doFetch = config.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const sleep = config.sleep ?? defaultSleep;
  const random = config.random ?? Math.random;
  const now = config.now ?? Date.now;

  function base(host: Host): string {
    return host === "account" ? settings.accountUrl : settings.apiUrl;
  }

  function url(host: Host, path: string, query?: Query, exactPath = false): string {
    const rooted = path.startsWith("/") ? path : `/${path}`;
    const p = exactPath ? rooted : withTrailingSlash(path);
    return `${base(host)}${p}${buildQuery(query)}`;
  }

  async function attemptOnce(
    spec: RequestSpec<z.ZodType>,
    target: string,
    pathForErrors: string,
    token: string | null,
  ): Promise<Attempt> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (config.userAgent) headers["User-Agent"] = config.userAgent;
    let body: string | undefined;
    if (spec.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(spec.form).toString();
    } else if (spec.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(spec.json);
    }
    Object.assign(headers, spec.headers);
    if (token !== null) headers.Authorization = `Bearer ${token}`;

    const timeoutMs = spec.timeoutMs ?? settings.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onOuterAbort = () => controller.abort(spec.signal?.reason);
    if (spec.signal) {
      if (spec.signal.aborted) onOuterAbort();
      else spec.signal.addEventListener("abort", onOuterAbort, { once: true });
    }
    try {
      const init: RequestInit = {
        method: spec.method,
        headers,
        signal: controller.signal,
        redirect: "manual",
      };
      if (body !== undefined) init.body = body;
      const res = await doFetch(target, init);
      // Read the body inside the timeout as well: a stalled body is a timeout too.
      const text = await res.text();
      return { type: "response", status: res.status, headers: res.headers, text };
    } catch (err) {
      if (timedOut) return { type: "error", error: timeoutError(spec.method, pathForErrors, timeoutMs) };
      if (spec.signal?.aborted) throw spec.signal.reason ?? err;
      return { type: "error", error: networkError(spec.method, pathForErrors, hostOf(target), err) };
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener("abort", onOuterAbort);
    }
  }

  const privateLanes = new Map<Host, Lane>();
  const laneOf: LaneResolver =
    config.lanes ??
    ((host) => {
      let lane = privateLanes.get(host);
      if (!lane)
        privateLanes.set(
          host,
          (lane = createLane(`private|${host}`, { maxConcurrency: Infinity, now, sleep })),
        );
      return lane;
    });
  const memoPrefix = `c${++clientSerial} `;

  /** One attempt inside the lane: a slot of its budget, then the gate, then the request. */
  function attemptInLane(
    lane: Lane,
    spec: RequestSpec<z.ZodType>,
    target: string,
    pathForErrors: string,
    token: string | null,
  ): Promise<Attempt> {
    return lane.limiter(async () => {
      const waited = await lane.whenOpen();
      const scope = currentEzeepScope();
      if (waited > 0 && scope) scope.throttledMs += waited;
      return attemptOnce(spec, target, pathForErrors, token);
    });
  }

  async function send<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const target = url(spec.host, spec.path, spec.query, spec.exactPath);
    const pathForErrors = spec.exactPath ? spec.path : withTrailingSlash(spec.path);
    const useBearer = (spec.auth ?? "bearer") === "bearer";
    if (useBearer && !config.tokenProvider) {
      throw new Error("ezeep http: a tokenProvider is required for authenticated requests");
    }
    const mayRetry = spec.retry ?? isIdempotent(spec.method);
    const lane = laneOf(spec.host);

    let attempts = 0;
    let retriesUsed = 0;
    let refreshedAfter401 = false;
    // --- unknown outcomes (lib/ezeep/errors.ts `outcomeUnknown`) ---------------------------
    // A retried write whose earlier attempt lost its answer may meet its own effect (a DELETE
    // retried after a timeout finds nothing): the final error then still counts as unknown.
    let earlierAnswerLost = false;
    const settle = (failure: EzeepError): EzeepError => {
      failure.attempts = attempts;
      if (earlierAnswerLost) failure.earlierAttemptUnknown = true;
      return failure;
    };
    // ----------------------------------------------------------------------------------------

    for (;;) {
      attempts++;
      const token = useBearer ? await config.tokenProvider!.getAccessToken() : null;
      const startedAt = performance.now();
      const result = await attemptInLane(lane, spec as RequestSpec<z.ZodType>, target, pathForErrors, token);
      recordEzeepRequest(
        target,
        spec.method,
        result.type === "response" ? result.status : 0,
        (performance.now() - startedAt) / 1000,
      );
      if (spec.tokenEndpoint)
        recordTokenRequest(result.type === "response" && result.status < 300 ? "success" : "failure");

      let failure: EzeepError;
      let retryAfterMs: number | undefined;

      if (result.type === "error") {
        failure = result.error;
      } else if (result.status >= 200 && result.status < 300) {
        return parseSuccess(spec, pathForErrors, result);
      } else {
        if (result.status === 401 && useBearer && !refreshedAfter401 && token !== null) {
          // The request was not processed: drop the token and retry once with a fresh one.
          refreshedAfter401 = true;
          config.tokenProvider!.invalidate(token);
          continue;
        }
        retryAfterMs =
          result.status === 429 || result.status === 503
            ? parseRetryAfter(result.headers.get("retry-after"), now())
            : undefined;
        // ezeep throttles the client, not this request: close the gate for all of them.
        if (result.status === 429 && retryAfterMs !== undefined) await lane.block(now() + retryAfterMs);
        failure = httpError({
          status: result.status,
          method: spec.method,
          path: pathForErrors,
          body: parseMaybeJson(result.text),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          ...(spec.tokenEndpoint ? { tokenEndpoint: true } : {}),
        });
      }

      const throttled = failure.kind === "http" && failure.status === 429;
      const retryable =
        failure.kind === "timeout" ||
        failure.kind === "network" ||
        (failure.kind === "http" && failure.status !== null && isRetryableStatus(failure.status));
      // A 429 was refused before anything was applied: safe to repeat for every method.
      const allowed = throttled ? spec.retry !== false : mayRetry;

      if (!allowed || !retryable || retriesUsed >= settings.maxRetries) throw settle(failure);
      if (answerLost(failure)) earlierAnswerLost = true;
      let delay: number;
      if (retryAfterMs !== undefined) {
        if (retryAfterMs > settings.maxRetryAfterMs) {
          // ezeep asks for a longer pause than a caller should wait: report it instead.
          const seconds = Math.ceil(retryAfterMs / 1000);
          failure.message = `ezeep asked the portal to wait ${seconds} s: try again in ${seconds} s.`;
          throw settle(failure);
        }
        // A 429 closed the lane's gate: the next attempt waits for it. A 503 waits here.
        delay = throttled ? 0 : retryAfterMs;
        recordThrottleWait(target, retryAfterMs);
      } else {
        delay = backoffDelay(retriesUsed, { ...settings, random });
      }
      retriesUsed++;
      if (delay > 0) await sleep(delay);
      if (spec.signal?.aborted) throw spec.signal.reason ?? failure;
    }
  }

  /** Sends a request; a GET inside a request scope is sent once and its answer shared. */
  async function request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const scope = (spec.auth ?? "bearer") === "bearer" ? currentEzeepScope() : undefined;
    const memo = scope?.memo;
    if (!memo) return send(spec);
    if (spec.method !== "GET") {
      memo.clear(); // a write: what this page read before may have changed
      return send(spec);
    }
    const key = memoPrefix + url(spec.host, spec.path, spec.query, spec.exactPath);
    let hit = memo.get(key) as Promise<z.output<S>> | undefined;
    if (!hit) {
      hit = send(spec);
      memo.set(key, hit);
      hit.catch(() => memo.delete(key));
    }
    // A copy: callers may change what they get without changing it for the next one.
    return structuredClone(await hit);
  }

  return { request, url, settings };
}

function hostOf(target: string): string {
  try {
    return new URL(target).host;
  } catch {
    return "ezeep";
  }
}

function parseMaybeJson(text: string): unknown {
  const t = text.trim();
  if (!t) return null;
  try {
    return JSON.parse(t);
  } catch {
    return text;
  }
}

function parseSuccess<S extends z.ZodType>(
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
