// The audit log's filter parameters: the zod schema of a query (from a URL or a form), the keys
// a shareable URL carries, and parsing/serialising them. Pure: the list and export read them.
import { z } from "zod";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .catch(undefined)
  .transform((v) => (v && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined));

export const ACTOR_TYPES = ["admin", "api_token", "system", "external"] as const;
export const OUTCOMES = ["success", "failure", "unknown", "pending"] as const;

export const auditQuerySchema = z.object({
  /** free text in action, target, actor and error */
  q: optionalText(100),
  /** actor id (admin id, API token id) */
  actor: optionalText(100),
  actorType: z.enum(ACTOR_TYPES).optional().catch(undefined),
  action: optionalText(100),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  targetType: optionalText(50),
  targetId: optionalText(100),
  /** organization id, or "portal" for portal-wide entries; default: the current organization */
  org: optionalText(100),
  /** UTC days, inclusive */
  from: optionalDate,
  to: optionalDate,
  /** keyset cursor: entries with a smaller id */
  before: z.coerce.number().int().positive().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});
type ParsedQuery = z.output<typeof auditQuerySchema>;
export type AuditQuery = { [K in Exclude<keyof ParsedQuery, "limit">]?: ParsedQuery[K] } & { limit: number };
export type AuditFilters = Omit<AuditQuery, "before" | "limit">;

/** The filter keys a URL carries (shareable views). */
export const FILTER_KEYS = [
  "q",
  "actor",
  "actorType",
  "action",
  "outcome",
  "targetType",
  "targetId",
  "org",
  "from",
  "to",
] as const;

export function parseAuditQuery(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): AuditQuery {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  return auditQuerySchema.parse(
    Object.fromEntries(entries.filter(([, v]) => typeof v === "string" && v !== "")),
  );
}

export function filterSearchParams(
  query: Partial<AuditQuery>,
  extra: Record<string, string | number | null | undefined> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = query[key];
    if (v !== undefined && v !== null && v !== "") params.set(key, String(v));
  }
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  return params;
}

export function hasFilters(query: Partial<AuditQuery>): boolean {
  return FILTER_KEYS.some((k) => k !== "org" && query[k] !== undefined);
}
