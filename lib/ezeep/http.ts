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

import { answerLost, httpError, type EzeepError } from "./errors";
import { attemptOnce, type Attempt, type AttemptContext } from "./http-attempt";
import {
  backoffDelay,
  buildQuery,
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_TIMEOUT_MS,
  isIdempotent,
  isRetryableStatus,
  parseMaybeJson,
  parseRetryAfter,
  parseSuccess,
  stripTrailingSlash,
  withTrailingSlash,
} from "./http-helpers";
import type { Host, HttpClient, HttpSettings, Query, RequestSpec, ResolvedSettings } from "./http-types";
import { createLane, type Lane, type LaneResolver } from "./lanes";
import { currentEzeepScope } from "./scope";
import { fetchTransport, nodeTransport } from "./transport";

export * from "./http-helpers";
export type * from "./http-types";

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Numbers the clients of this process, so remembered GETs of two clients never mix. */
let clientSerial = 0;

/** What every request of one client shares. */
interface ClientContext extends AttemptContext {
  config: HttpSettings;
  settings: ResolvedSettings;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  laneOf: LaneResolver;
  url: HttpClient["url"];
}

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
  const now = config.now ?? Date.now;
  const sleep = config.sleep ?? defaultSleep;

  function url(host: Host, path: string, query?: Query, exactPath = false): string {
    const rooted = path.startsWith("/") ? path : `/${path}`;
    const p = exactPath ? rooted : withTrailingSlash(path);
    const base = host === "account" ? settings.accountUrl : settings.apiUrl;
    return `${base}${p}${buildQuery(query)}`;
  }

  const ctx: ClientContext = {
    config,
    settings,
    transport: config.fetch ? fetchTransport(config.fetch) : nodeTransport,
    userAgent: config.userAgent,
    timeoutMs: settings.timeoutMs,
    sleep,
    random: config.random ?? Math.random,
    now,
    laneOf: config.lanes ?? privateLanes(now, sleep),
    url,
  };
  const memoPrefix = `c${++clientSerial} `;
  return { request: (spec) => request(ctx, memoPrefix, spec), url, settings };
}

/** Lanes of one client alone, without a budget (when the caller shares none). */
function privateLanes(now: () => number, sleep: (ms: number) => Promise<void>): LaneResolver {
  const lanes = new Map<Host, Lane>();
  return (host) => {
    let lane = lanes.get(host);
    if (!lane) {
      lane = createLane(`private|${host}`, { maxConcurrency: Infinity, now, sleep });
      lanes.set(host, lane);
    }
    return lane;
  };
}

/** Sends a request; a GET inside a request scope is sent once and its answer shared. */
async function request<S extends z.ZodType>(
  ctx: ClientContext,
  memoPrefix: string,
  spec: RequestSpec<S>,
): Promise<z.output<S>> {
  const scope = (spec.auth ?? "bearer") === "bearer" ? currentEzeepScope() : undefined;
  const memo = scope?.memo;
  if (!memo) return send(ctx, spec);
  if (spec.method !== "GET") {
    memo.clear(); // a write: what this page read before may have changed
    return send(ctx, spec);
  }
  const key = memoPrefix + ctx.url(spec.host, spec.path, spec.query, spec.exactPath);
  let hit = memo.get(key) as Promise<Answer> | undefined;
  if (!hit) {
    hit = answerOf(ctx, spec);
    memo.set(key, hit);
    hit.catch(() => memo.delete(key));
  }
  // Each caller parses the text itself: its own objects, which it may change without changing
  // them for the next caller (cheaper than copying every answer in case a second caller comes).
  return parseSuccess(spec, pathForErrorsOf(spec), await hit);
}

/** A successful answer, before parsing. */
type Answer = { status: number; text: string };

const pathForErrorsOf = (spec: RequestSpec<z.ZodType>) =>
  spec.exactPath ? spec.path : withTrailingSlash(spec.path);

/** One request's fixed facts, decided before its first attempt. */
interface Call {
  spec: RequestSpec<z.ZodType>;
  target: string;
  pathForErrors: string;
  useBearer: boolean;
  mayRetry: boolean;
  lane: Lane;
}

/** What the attempts of one request have used up so far. */
interface CallState {
  attempts: number;
  retriesUsed: number;
  refreshedAfter401: boolean;
  /**
   * Unknown outcomes (lib/ezeep/errors.ts `outcomeUnknown`): a retried write whose earlier
   * attempt lost its answer may meet its own effect (a DELETE retried after a timeout finds
   * nothing): the final error then still counts as unknown.
   */
  earlierAnswerLost: boolean;
}

async function send<S extends z.ZodType>(ctx: ClientContext, spec: RequestSpec<S>): Promise<z.output<S>> {
  return parseSuccess(spec, pathForErrorsOf(spec), await answerOf(ctx, spec));
}

/** Sends a request, with its retries, until ezeep answers 2xx; throws the final failure. */
async function answerOf(ctx: ClientContext, spec: RequestSpec<z.ZodType>): Promise<Answer> {
  const useBearer = (spec.auth ?? "bearer") === "bearer";
  if (useBearer && !ctx.config.tokenProvider) {
    throw new Error("ezeep http: a tokenProvider is required for authenticated requests");
  }
  const call: Call = {
    spec,
    target: ctx.url(spec.host, spec.path, spec.query, spec.exactPath),
    pathForErrors: pathForErrorsOf(spec),
    useBearer,
    mayRetry: spec.retry ?? isIdempotent(spec.method),
    lane: ctx.laneOf(spec.host),
  };
  const state: CallState = {
    attempts: 0,
    retriesUsed: 0,
    refreshedAfter401: false,
    earlierAnswerLost: false,
  };
  for (;;) {
    state.attempts++;
    const token = useBearer ? await ctx.config.tokenProvider!.getAccessToken() : null;
    const result = await measuredAttempt(ctx, call, token);
    if (result.type === "response" && result.status >= 200 && result.status < 300) {
      return result;
    }
    if (
      result.type === "response" &&
      result.status === 401 &&
      useBearer &&
      !state.refreshedAfter401 &&
      token !== null
    ) {
      // The request was not processed: drop the token and retry once with a fresh one.
      state.refreshedAfter401 = true;
      ctx.config.tokenProvider!.invalidate(token);
      continue;
    }
    const { failure, retryAfterMs } = await failureOf(ctx, call, result);
    const delay = retryDelay(ctx, call, state, failure, retryAfterMs);
    state.retriesUsed++;
    if (delay > 0) await ctx.sleep(delay);
    if (spec.signal?.aborted) throw spec.signal.reason ?? failure;
  }
}

/** One attempt inside the lane (a slot of its budget, then the gate), with its metrics. */
async function measuredAttempt(ctx: ClientContext, call: Call, token: string | null): Promise<Attempt> {
  const startedAt = performance.now();
  const result = await call.lane.limiter(async () => {
    const waited = await call.lane.whenOpen();
    const scope = currentEzeepScope();
    if (waited > 0 && scope) scope.throttledMs += waited;
    return attemptOnce(ctx, call.spec, call.target, call.pathForErrors, token);
  });
  const status = result.type === "response" ? result.status : 0;
  recordEzeepRequest(call.target, call.spec.method, status, (performance.now() - startedAt) / 1000);
  if (call.spec.tokenEndpoint) recordTokenRequest(status > 0 && status < 300 ? "success" : "failure");
  return result;
}

/** The error of a failed attempt, and the wait ezeep asked for (429/503 Retry-After). */
async function failureOf(
  ctx: ClientContext,
  call: Call,
  result: Attempt,
): Promise<{ failure: EzeepError; retryAfterMs?: number }> {
  if (result.type === "error") return { failure: result.error };
  const retryAfterMs =
    result.status === 429 || result.status === 503
      ? parseRetryAfter(result.headers.get("retry-after"), ctx.now())
      : undefined;
  // ezeep throttles the client, not this request: close the gate for all of them.
  if (result.status === 429 && retryAfterMs !== undefined) await call.lane.block(ctx.now() + retryAfterMs);
  const failure = httpError({
    status: result.status,
    method: call.spec.method,
    path: call.pathForErrors,
    body: parseMaybeJson(result.text),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(call.spec.tokenEndpoint ? { tokenEndpoint: true } : {}),
  });
  return { failure, retryAfterMs };
}

/** How long to wait before the next attempt; throws the failure when there is none. */
function retryDelay(
  ctx: ClientContext,
  call: Call,
  state: CallState,
  failure: EzeepError,
  retryAfterMs: number | undefined,
): number {
  const settle = (): EzeepError => {
    failure.attempts = state.attempts;
    if (state.earlierAnswerLost) failure.earlierAttemptUnknown = true;
    return failure;
  };
  const throttled = failure.kind === "http" && failure.status === 429;
  const retryable =
    failure.kind === "timeout" ||
    failure.kind === "network" ||
    (failure.kind === "http" && failure.status !== null && isRetryableStatus(failure.status));
  // A 429 was refused before anything was applied: safe to repeat for every method.
  const allowed = throttled ? call.spec.retry !== false : call.mayRetry;
  if (!allowed || !retryable || state.retriesUsed >= ctx.settings.maxRetries) throw settle();
  if (answerLost(failure)) state.earlierAnswerLost = true;
  if (retryAfterMs === undefined)
    return backoffDelay(state.retriesUsed, { ...ctx.settings, random: ctx.random });
  if (retryAfterMs > ctx.settings.maxRetryAfterMs) {
    // ezeep asks for a longer pause than a caller should wait: report it instead.
    const seconds = Math.ceil(retryAfterMs / 1000);
    failure.message = `ezeep asked the portal to wait ${seconds} s: try again in ${seconds} s.`;
    throw settle();
  }
  recordThrottleWait(call.target, retryAfterMs);
  // A 429 closed the lane's gate: the next attempt waits for it. A 503 waits here.
  return throttled ? 0 : retryAfterMs;
}
