// Turning an ezeep error body into a message an administrator can read, and redacting anything
// that looks like a token or a credential (lib/ezeep/errors.ts builds the errors from these).

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

export function truncate(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}

/**
 * Extracts a human-readable message from an ezeep error body (already parsed JSON, or raw text).
 * Returns message null when the body carries nothing useful (empty, HTML error page, …).
 */
export function describeErrorBody(body: unknown): DescribedBody {
  if (body === null || body === undefined) return { message: null };
  if (typeof body === "string") return describeText(body);
  if (Array.isArray(body)) {
    const msgs = asMessages(body);
    return { message: msgs.length ? truncate(msgs.join(" ")) : null };
  }
  if (typeof body !== "object") return { message: truncate(String(body)) };
  const o = body as Record<string, unknown>;
  return describeOAuthError(o) ?? describeObject(o);
}

function describeText(body: string): DescribedBody {
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

/** The OAuth (RFC 6749) error shape, or null for any other body. */
function describeOAuthError(o: Record<string, unknown>): DescribedBody | null {
  if (typeof o.error !== "string") return null;
  if (typeof o.error_description !== "string" && Object.keys(o).length > 3) return null;
  const desc =
    typeof o.error_description === "string" && o.error_description.trim() ? o.error_description.trim() : null;
  return { message: truncate(desc ? `${desc} (${o.error})` : o.error), code: o.error };
}

/** Keys of DRF and problem-details bodies that are not field errors. */
const NOT_FIELDS = new Set([
  "detail",
  "non_field_errors",
  "code",
  "status",
  "title",
  "type",
  "instance",
  "status_code",
]);

/** DRF `{"detail": …}`, field maps and `non_field_errors`; problem details (`errors` + `title`). */
function describeObject(o: Record<string, unknown>): DescribedBody {
  const detailMsgs = asMessages(o.detail);
  const nonField = asMessages(o.non_field_errors);
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !NOT_FIELDS.has(k)));

  // Problem details (ASP.NET): `errors` map + title.
  let fieldSource: unknown = rest;
  if (rest.errors && typeof rest.errors === "object" && !Array.isArray(rest.errors)) {
    fieldSource = rest.errors;
  } else if (typeof rest.message === "string" || typeof rest.error === "string") {
    const m = (typeof rest.message === "string" ? rest.message : rest.error) as string;
    return { message: truncate([...detailMsgs, ...nonField, m].join(" ")) };
  }

  const fieldErrors: Record<string, string[]> = {};
  flattenFieldErrors(fieldSource, "", fieldErrors);
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
