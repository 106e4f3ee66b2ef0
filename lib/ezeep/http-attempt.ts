// One attempt of an ezeep request: headers and body, the timeout (the body is read inside it too)
// and the caller's abort signal. It never throws for a network failure or a timeout: it returns
// them, and lib/ezeep/http.ts decides whether to retry.
import "server-only";

import type { z } from "zod";

import { networkError, timeoutError, type EzeepError } from "./errors";
import { hostOf } from "./http-helpers";
import type { RequestSpec } from "./http-types";
import type { Transport } from "./transport";

export type Attempt =
  { type: "response"; status: number; headers: Headers; text: string } | { type: "error"; error: EzeepError };

export interface AttemptContext {
  /** Sends a request and reads its answer (lib/ezeep/transport.ts). */
  transport: Transport;
  userAgent?: string;
  /** Timeout of a request that names none. */
  timeoutMs: number;
}

export async function attemptOnce(
  ctx: AttemptContext,
  spec: RequestSpec<z.ZodType>,
  target: string,
  pathForErrors: string,
  token: string | null,
): Promise<Attempt> {
  const { headers, body } = headersAndBody(ctx, spec, token);
  const timeoutMs = spec.timeoutMs ?? ctx.timeoutMs;
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
    const res = await ctx.transport(target, init);
    return { type: "response", ...res };
  } catch (err) {
    if (timedOut) return { type: "error", error: timeoutError(spec.method, pathForErrors, timeoutMs) };
    if (spec.signal?.aborted) throw spec.signal.reason ?? err;
    return { type: "error", error: networkError(spec.method, pathForErrors, hostOf(target), err) };
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener("abort", onOuterAbort);
  }
}

function headersAndBody(
  ctx: AttemptContext,
  spec: RequestSpec<z.ZodType>,
  token: string | null,
): { headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (ctx.userAgent) headers["User-Agent"] = ctx.userAgent;
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
  return { headers, body };
}
