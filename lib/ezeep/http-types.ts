// The shapes of the ezeep HTTP layer (lib/ezeep/http.ts): what a client is configured with, what
// one request says, and what a client offers.
import type { z } from "zod";

import type { LaneResolver } from "./lanes";
import type { TokenProvider } from "./token";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Host = "account" | "api";

export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Query = Record<string, QueryValue>;

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

export interface ResolvedSettings {
  accountUrl: string;
  apiUrl: string;
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}
