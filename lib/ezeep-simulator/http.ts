// HTTP plumbing shared by the routes: request context, DRF-shaped errors, pagination, validation.
import type { IncomingMessage, ServerResponse } from "node:http";

import type { AccessClaims } from "./jwt";
import type { OrgRec, UserRec } from "./state";
import type { Page } from "./types";

export type HostKind = "account" | "api";

export interface Reply {
  status: number;
  /** JSON-serialised unless `raw` is set; omitted for 204/3xx. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Auth {
  claims: AccessClaims;
  /** null only on partner routes when the token's org has since been deleted. */
  org: OrgRec | null;
  /** The signed-in user for authorization_code tokens; null for client_credentials. */
  user: UserRec | null;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  host: HostKind;
  method: string;
  url: URL;
  path: string;
  params: Record<string, string>;
  /** Absolute origin as the client addressed us (for next/previous links). */
  origin: string;
  rawBody: string;
  auth: Auth | null;
}

/** Thrown by handlers; the dispatcher turns it into a response. */
export class HttpError extends Error {
  constructor(
    public status: number,
    public body: unknown,
    public headers: Record<string, string> = {},
  ) {
    super(
      typeof body === "object" && body && "detail" in body
        ? String((body as { detail: unknown }).detail)
        : `HTTP ${status}`,
    );
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
});
export const noContent = (): Reply => ({ status: 204 });

export const notFound = (): HttpError => new HttpError(404, { detail: "Not found." });
export const forbidden = (): HttpError =>
  new HttpError(403, { detail: "You do not have permission to perform this action." });
export const fieldError = (field: string, message: string): HttpError =>
  new HttpError(400, { [field]: [message] });

export function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpError(413, { detail: "Request entity too large." }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export type JsonObject = Record<string, unknown>;

/** DRF parses JSON (and form bodies); anything else is a 400 parse error. */
export function jsonBody(ctx: Ctx): JsonObject {
  const text = ctx.rawBody.trim();
  if (!text) return {};
  const ct = String(ctx.req.headers["content-type"] ?? "");
  if (ct.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, { detail: `JSON parse error - ${(e as Error).message}` });
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new HttpError(400, {
      non_field_errors: [
        "Invalid data. Expected a dictionary, but got " + (Array.isArray(v) ? "list" : typeof v) + ".",
      ],
    });
  }
  return v as JsonObject;
}

export function formBody(ctx: Ctx): Record<string, string> {
  const ct = String(ctx.req.headers["content-type"] ?? "");
  const text = ctx.rawBody.trim();
  if (ct.includes("application/json") && text.startsWith("{")) {
    try {
      const o = JSON.parse(text) as JsonObject;
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

// ---- field validation (DRF messages) ----

export function optString(
  body: JsonObject,
  field: string,
  max: number,
  opts: { allowBlank?: boolean } = {},
): string | undefined {
  if (!(field in body)) return undefined;
  const v = body[field];
  if (v === null) throw fieldError(field, "This field may not be null.");
  if (typeof v !== "string" && typeof v !== "number") throw fieldError(field, "Not a valid string.");
  const s = String(v).trim();
  if (!s && !opts.allowBlank) throw fieldError(field, "This field may not be blank.");
  if (s.length > max) throw fieldError(field, `Ensure this field has no more than ${max} characters.`);
  return s;
}

export function reqString(body: JsonObject, field: string, max: number): string {
  const v = optString(body, field, max);
  if (v === undefined) throw fieldError(field, "This field is required.");
  return v;
}

const TRUE = new Set<unknown>([true, "true", "True", "1", 1, "yes", "on"]);
const FALSE = new Set<unknown>([false, "false", "False", "0", 0, "no", "off"]);

export function optBool(body: JsonObject, field: string): boolean | undefined {
  if (!(field in body)) return undefined;
  const v = body[field];
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw fieldError(field, "Must be a valid boolean.");
}

// ---- pagination ----

function intParam(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function withParams(ctx: Ctx, set: Record<string, string | null>): string {
  const u = new URL(ctx.url.pathname + ctx.url.search, ctx.origin);
  for (const [k, v] of Object.entries(set)) {
    if (v === null) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  return u.toString();
}

export const LIMIT_DEFAULT = 20;
export const LIMIT_MAX = 100;

/** api2: DRF LimitOffsetPagination (default 20, max 100), absolute http:// links (§2.2). */
export function limitOffset<T>(ctx: Ctx, items: T[]): Page<T> {
  const asked = intParam(ctx.url, "limit");
  const limit = asked && asked > 0 ? Math.min(asked, LIMIT_MAX) : LIMIT_DEFAULT;
  const offset = intParam(ctx.url, "offset") ?? 0;
  const count = items.length;
  const next =
    offset + limit < count ? withParams(ctx, { limit: String(limit), offset: String(offset + limit) }) : null;
  let previous: string | null = null;
  if (offset > 0) {
    previous =
      offset - limit <= 0
        ? withParams(ctx, { limit: String(limit), offset: null })
        : withParams(ctx, { limit: String(limit), offset: String(offset - limit) });
  }
  return { count, next, previous, results: items.slice(offset, offset + limit) };
}

export const PER_PAGE_DEFAULT = 20;
export const PER_PAGE_MAX = 100;

/** `?page=` as DRF reads it: absent → 1, "last" → the last page, digits → that page, else NaN. */
function requestedPage(raw: string | null, pages: number): number {
  if (raw === null) return 1;
  if (raw === "last") return pages;
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

/** account: DRF PageNumberPagination with `page`/`per_page` (default 20, max 100); bad page → 404. */
export function pageNumber<T>(ctx: Ctx, items: T[]): Page<T> {
  const asked = intParam(ctx.url, "per_page");
  const perPage = asked && asked > 0 ? Math.min(asked, PER_PAGE_MAX) : PER_PAGE_DEFAULT;
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = requestedPage(ctx.url.searchParams.get("page"), pages);
  if (!Number.isInteger(page) || page < 1 || page > pages)
    throw new HttpError(404, { detail: "Invalid page." });
  const next = page < pages ? withParams(ctx, { page: String(page + 1) }) : null;
  const previous = page > 1 ? withParams(ctx, { page: page === 2 ? null : String(page - 1) }) : null;
  return { count: items.length, next, previous, results: items.slice((page - 1) * perPage, page * perPage) };
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload = "";
  if (reply.raw !== undefined) {
    payload = reply.raw;
    headers["content-type"] ??= reply.contentType ?? "application/json";
  } else if (reply.body !== undefined && reply.status !== 204) {
    payload = JSON.stringify(reply.body);
    headers["content-type"] ??= "application/json";
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
