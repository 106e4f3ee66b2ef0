// Errors raised by the ezeep client. Every failure of a call to ezeep surfaces as one EzeepError
// whose `message` can be shown to an administrator as is: it is taken from ezeep's body
// (`detail`, DRF field maps, `non_field_errors`, OAuth `error_description`, plain text) or, when the
// body says nothing useful, from a default per status. Messages never contain tokens or secrets.

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
// Redaction

const JWT_RE = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const AUTH_HEADER_RE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const SECRET_PARAM_RE =
  /\b(access_token|refresh_token|client_secret|password|code_verifier|token)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi;

/** Removes anything that looks like a token or a credential from a text. */
export function redactSecrets(text: string): string {
  return text
    .replace(JWT_RE, "[redacted]")
    .replace(AUTH_HEADER_RE, "$1 [redacted]")
    .replace(SECRET_PARAM_RE, "$1$2[redacted]");
}

// ---------------------------------------------------------------------------------------------
// Body → message

export interface DescribedBody {
  message: string | null;
  fieldErrors?: Record<string, string[]>;
  code?: string;
}

const MAX_TEXT = 300;

function asMessages(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (typeof v === "number" || typeof v === "boolean") return [String(v)];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === "string" ? [x] : []));
  return [];
}

/** A field path as people read it in a message: "first_name" → "First name", "groups.1.group_id" → "Groups #2 group id". */
function fieldLabel(path: string): string {
  const words = path
    .split(".")
    .map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part.replace(/_/g, " ")))
    .join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Flattens a DRF error map (possibly nested: lists of objects, objects) into dotted keys. */
function flattenFieldErrors(value: unknown, prefix: string, out: Record<string, string[]>): void {
  if (typeof value === "string") {
    (out[prefix] ??= []).push(value);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === "string") (out[prefix] ??= []).push(item);
      else if (item && typeof item === "object") {
        if (Object.keys(item).length > 0) flattenFieldErrors(item, `${prefix}.${i}`, out);
      }
    });
    return;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flattenFieldErrors(v, prefix ? `${prefix}.${k}` : k, out);
    }
  }
}

function truncate(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}

/**
 * Extracts a human-readable message from an ezeep error body (already parsed JSON, or raw text).
 * Returns message null when the body carries nothing useful (empty, HTML error page, …).
 */
export function describeErrorBody(body: unknown): DescribedBody {
  if (body === null || body === undefined) return { message: null };
  if (typeof body === "string") {
    const t = body.trim();
    if (!t) return { message: null };
    // Try JSON first (callers may hand us raw text).
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        return describeErrorBody(JSON.parse(t));
      } catch {
        /* fall through: plain text */
      }
    }
    // Proxy / framework HTML error pages say nothing an admin can use.
    if (/^<(!doctype|html|\?xml|head|body)/i.test(t)) return { message: null };
    return { message: truncate(t) };
  }
  if (Array.isArray(body)) {
    const msgs = asMessages(body);
    return { message: msgs.length ? truncate(msgs.join(" ")) : null };
  }
  if (typeof body !== "object") return { message: truncate(String(body)) };

  const o = body as Record<string, unknown>;

  // OAuth (RFC 6749) error shape.
  if (
    typeof o.error === "string" &&
    (typeof o.error_description === "string" || Object.keys(o).length <= 3)
  ) {
    const desc =
      typeof o.error_description === "string" && o.error_description.trim()
        ? o.error_description.trim()
        : null;
    return { message: truncate(desc ? `${desc} (${o.error})` : o.error), code: o.error };
  }

  // DRF `{"detail": "..."}` (also problem-details bodies carry `detail`).
  const detailMsgs = asMessages(o.detail);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (
      ["detail", "non_field_errors", "code", "status", "title", "type", "instance", "status_code"].includes(k)
    )
      continue;
    rest[k] = v;
  }

  // Problem details (ASP.NET): `errors` map + title.
  let fieldSource: unknown = rest;
  if (rest.errors && typeof rest.errors === "object" && !Array.isArray(rest.errors)) {
    fieldSource = rest.errors;
  } else if (typeof rest.message === "string" || typeof rest.error === "string") {
    const m = (typeof rest.message === "string" ? rest.message : rest.error) as string;
    const nonField = asMessages(o.non_field_errors);
    return { message: truncate([...detailMsgs, ...nonField, m].join(" ")) };
  }

  const fieldErrors: Record<string, string[]> = {};
  flattenFieldErrors(fieldSource, "", fieldErrors);
  const nonField = asMessages(o.non_field_errors);

  const parts: string[] = [];
  if (detailMsgs.length && !(detailMsgs.length === 1 && /^[A-Z][A-Za-z]*Exception$/.test(detailMsgs[0]!))) {
    parts.push(...detailMsgs);
  }
  parts.push(...nonField);
  for (const [field, msgs] of Object.entries(fieldErrors)) {
    parts.push(field ? `${fieldLabel(field)}: ${msgs.join(" ")}` : msgs.join(" "));
  }
  if (!parts.length && typeof o.title === "string") parts.push(o.title);
  const out: DescribedBody = { message: parts.length ? truncate(parts.join(" ")) : null };
  if (Object.keys(fieldErrors).length) out.fieldErrors = fieldErrors;
  if (typeof o.code === "string") out.code = o.code;
  return out;
}

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
