// Errors raised by the ezeep client. Every failure of a call to ezeep surfaces as one EzeepError
// whose `message` can be shown to an administrator as is: it is taken from ezeep's body
// (`detail`, DRF field maps, `non_field_errors`, OAuth `error_description`, plain text) or, when the
// body says nothing useful, from a default per status. Messages never contain tokens or secrets.

import { describeErrorBody, redactSecrets, truncate } from "./error-body";

export { describeErrorBody, redactSecrets, type DescribedBody } from "./error-body";

export type EzeepErrorKind = "http" | "timeout" | "network" | "malformed" | "auth";

export interface EzeepErrorInit {
  kind: EzeepErrorKind;
  status: number | null;
  method: string;
  path: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** OAuth `error` code from the token endpoint, e.g. "invalid_client". */
  code?: string;
  /** Parsed Retry-After of a 429/503, in milliseconds. */
  retryAfterMs?: number;
  /** How many attempts were made before giving up (1 = no retry). */
  attempts?: number;
  cause?: unknown;
}

/** Marks EzeepErrors from every copy of this module (see `Symbol.hasInstance` below). */
const EZEEP_ERROR_BRAND = Symbol.for("ezeep-admin-portal.EzeepError");

export class EzeepError extends Error {
  /**
   * `instanceof EzeepError` holds across copies of this module: Next.js bundles server code once
   * per layer (instrumentation/background jobs, server actions, pages), while clients cached on
   * globalThis (lib/organizations/service.ts) are shared between the layers, so an error thrown
   * by one copy's client must still be recognised by another copy's `instanceof`.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return (
      this === EzeepError &&
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[EZEEP_ERROR_BRAND] === true
    );
  }
  readonly [EZEEP_ERROR_BRAND] = true;
  override name = "EzeepError";
  /** HTTP status, null for timeout / network / malformed-before-status. */
  status: number | null;
  kind: EzeepErrorKind;
  fieldErrors?: Record<string, string[]>;
  method: string;
  /** Request path on the ezeep host (no host, no query). */
  path: string;
  code?: string;
  retryAfterMs?: number;
  attempts: number;

  constructor(init: EzeepErrorInit) {
    super(redactSecrets(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    if (init.fieldErrors && Object.keys(init.fieldErrors).length > 0) {
      this.fieldErrors = init.fieldErrors;
    }
    if (init.code !== undefined) this.code = init.code;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }

  /**
   * Set by the HTTP layer when an earlier attempt of this same write ended without an answer: a
   * later 404/400 may then be the echo of a change that did land (a retried DELETE finds nothing).
   */
  earlierAttemptUnknown = false;

  /**
   * "Unknown outcome" (not "failed"): a write (POST/PATCH/PUT/DELETE) whose answer never came —
   * timeout, dropped connection, or 502/503/504 from a gateway — may have been applied by ezeep.
   * Callers read the resource back before saying either way (lib/audit/service.ts `audited`).
   */
  get outcomeUnknown(): boolean {
    return isWriteMethod(this.method) && (this.earlierAttemptUnknown || answerLost(this));
  }

  /** True when the same call may succeed later (rate limit, outage, timeout, network). */
  get transient(): boolean {
    if (this.kind === "timeout" || this.kind === "network") return true;
    return this.status === 429 || (this.status !== null && this.status >= 500);
  }

  /** Plain object for logs / audit entries (no secrets: messages are redacted on construction). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      method: this.method,
      path: this.path,
      message: this.message,
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
      ...(this.code ? { code: this.code } : {}),
    };
  }
}

export function isEzeepError(e: unknown): e is EzeepError {
  return e instanceof EzeepError;
}

// ---------------------------------------------------------------------------------------------
// Unknown outcomes

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Gateway answers: the request may have reached ezeep and been applied behind the gateway. */
const LOST_ANSWER_STATUSES = new Set([502, 503, 504]);
/** Network errors raised before a byte was sent: the request cannot have been applied. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

/** Did this attempt end without ezeep's real answer (whatever the method)? */
export function answerLost(err: Pick<EzeepError, "kind" | "status" | "cause">): boolean {
  if (err.kind === "timeout") return true;
  if (err.kind === "network") return !NOT_SENT_CODES.has(networkCode(err.cause) ?? "");
  return err.kind === "http" && err.status !== null && LOST_ANSWER_STATUSES.has(err.status);
}

/** True for an error after which ezeep may or may not have applied the write. */
export function isUnknownOutcome(err: unknown): err is EzeepError {
  return err instanceof EzeepError && err.outcomeUnknown;
}

/** The admin-facing words for a write whose answer was lost. */
export const UNKNOWN_OUTCOME_MESSAGE = "ezeep did not answer; checking whether the change was applied…";

// ---------------------------------------------------------------------------------------------
// Defaults and constructors

function seconds(ms: number): string {
  const s = ms / 1000;
  if (Number.isInteger(s)) return String(s);
  return String(Number(s.toFixed(s < 1 ? 2 : 1)));
}

const GENERIC_NOT_FOUND = /^not found\.?$/i;
const GENERIC_AUTH =
  /^(authentication credentials were not provided|invalid token|token (has )?expired|given token not valid.*|invalid_token)\.?$/i;

/** Default message for a status when ezeep's body has nothing better. */
export function defaultMessageForStatus(status: number, retryAfterMs?: number): string {
  if (status === 400) return "ezeep rejected the request as invalid.";
  if (status === 401)
    return "ezeep rejected the portal's credentials. Check the ezeep client id and secret (or reconnect the organization).";
  if (status === 403)
    return "ezeep refused this action: the portal's ezeep client lacks the permission for it.";
  if (status === 404) return "The requested item was not found in ezeep (it may have been deleted).";
  if (status === 405) return "ezeep does not allow this operation.";
  if (status === 409) return "ezeep reported a conflict with the current state; reload and try again.";
  if (status === 412) return "ezeep is not ready for this request yet; try again shortly.";
  if (status === 429)
    return retryAfterMs !== undefined
      ? `ezeep is rate-limiting the portal; try again in ${seconds(retryAfterMs)} s.`
      : "ezeep is rate-limiting the portal; wait a moment and try again.";
  if (status >= 500) return `ezeep is unavailable (HTTP ${status}), try again in a moment.`;
  return `ezeep answered with HTTP ${status}.`;
}

export interface HttpErrorInput {
  status: number;
  method: string;
  path: string;
  body: unknown;
  retryAfterMs?: number;
  attempts?: number;
  /** True for the OAuth token endpoint: 400/401 there mean bad client credentials or grant. */
  tokenEndpoint?: boolean;
}

/** Builds the EzeepError for a non-2xx answer. */
export function httpError(input: HttpErrorInput): EzeepError {
  const { status, method, path } = input;
  const described = describeErrorBody(input.body);
  const def = defaultMessageForStatus(status, input.retryAfterMs);
  let message: string;
  let kind: EzeepErrorKind = "http";

  if (input.tokenEndpoint && status >= 400 && status < 500 && status !== 429) {
    kind = "auth";
    const why = described.message ? ` (${described.message})` : "";
    message =
      described.code === "invalid_client" || status === 401
        ? `ezeep rejected the portal's credentials${why}. Check the ezeep client id and secret.`
        : `ezeep refused to issue an access token${why}.`;
  } else if (status === 401) {
    kind = "auth";
    const m = described.message;
    message = m && !GENERIC_AUTH.test(m) ? `${def} (${m})` : def;
  } else if (status === 404) {
    const m = described.message;
    message = m && !GENERIC_NOT_FOUND.test(m) ? m : def;
  } else if (isWriteMethod(method) && LOST_ANSWER_STATUSES.has(status)) {
    // A gateway answered, not ezeep: the write may have been applied behind it.
    message = `ezeep's gateway answered HTTP ${status} instead of ezeep; the change may have been applied.`;
  } else if (status === 429 || status >= 500) {
    // Outage texts from proxies are rarely useful; keep ezeep's detail as a hint only.
    message = described.message ? `${def} (${described.message})` : def;
  } else {
    message = described.message ?? def;
  }

  const init: EzeepErrorInit = { kind, status, method, path, message };
  if (described.fieldErrors) init.fieldErrors = described.fieldErrors;
  if (described.code) init.code = described.code;
  if (input.retryAfterMs !== undefined) init.retryAfterMs = input.retryAfterMs;
  if (input.attempts !== undefined) init.attempts = input.attempts;
  return new EzeepError(init);
}

export function timeoutError(method: string, path: string, timeoutMs: number, attempts?: number): EzeepError {
  return new EzeepError({
    kind: "timeout",
    status: null,
    method,
    path,
    message: isWriteMethod(method)
      ? `ezeep did not answer within ${seconds(timeoutMs)} s; the change may have been applied.`
      : `ezeep did not answer within ${seconds(timeoutMs)} s; try again in a moment.`,
    ...(attempts !== undefined ? { attempts } : {}),
  });
}

function networkCode(cause: unknown): string | null {
  let c: unknown = cause;
  for (let i = 0; i < 4 && c && typeof c === "object"; i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
    c = (c as { cause?: unknown }).cause;
  }
  return null;
}

export function networkError(
  method: string,
  path: string,
  host: string,
  cause: unknown,
  attempts?: number,
): EzeepError {
  const code = networkCode(cause);
  return new EzeepError({
    kind: "network",
    status: null,
    method,
    path,
    message:
      isWriteMethod(method) && !NOT_SENT_CODES.has(code ?? "")
        ? `The connection to ezeep at ${host} broke${code ? ` (${code})` : ""} before its answer; the change may have been applied.`
        : `Could not reach ezeep at ${host}${code ? ` (${code})` : ""}; check the network and try again.`,
    cause,
    ...(attempts !== undefined ? { attempts } : {}),
  });
}

/** A 2xx answer whose body is not JSON or does not match the expected schema (status is null, per contract). */
export function malformedError(method: string, path: string, reason?: string): EzeepError {
  return new EzeepError({
    kind: "malformed",
    status: null,
    method,
    path,
    message: `ezeep sent a response the portal could not read${reason ? ` (${truncate(reason)})` : ""}.`,
  });
}

/** A read whose 404 means "not there": the value, or null when ezeep does not know it. */
export async function nullIfNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof EzeepError && err.status === 404) return null;
    throw err;
  }
}
