// Refused attempts on record, without letting anyone grow the log at will:
// - boundedInput(): what an attempt sent, at most 8 KB in the entry (with the size and sha256 of
//   the whole), secrets redacted;
// - a per-call tracker so a refused mutation leaves exactly one entry (lib/auth/action.ts asks
//   whether the handler already wrote one);
// - recordUnauthenticatedFailure(): failures without an identity (bad API token, sign-in, signed-out
//   calls) are aggregated per source and minute: the first gets its own entry at once, the rest of
//   that minute one entry with their count when the minute is over.
import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";

import { isAuditAction, type AuditActionName } from "@/lib/audit/actions-catalog";
import { recordAudit, type AuditRecord } from "@/lib/audit/service";
import { db } from "@/lib/db";

export const MAX_ATTEMPT_BYTES = 8 * 1024;
/** Room left in the 8 KB for the envelope (size, hash, flags). */
const PREVIEW_BYTES = MAX_ATTEMPT_BYTES - 256;
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|code_verifier/i;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1),
    ]),
  );
}

function serialize(value: unknown): string {
  try {
    return JSON.stringify(redact(value)) ?? String(value);
  } catch {
    return String(value);
  }
}

export type BoundedInput =
  | { attemptedInput: unknown }
  | { attemptedInputPreview: string; truncated: true; size: number; sha256: string };

/** The attempted input as stored in an entry's "after": whole when small, else a preview + size + hash. */
export function boundedInput(raw: unknown): BoundedInput | undefined {
  if (raw === undefined) return undefined;
  const json = serialize(raw);
  const bytes = Buffer.from(json, "utf8");
  if (bytes.length <= PREVIEW_BYTES) return { attemptedInput: redact(raw) };
  return {
    attemptedInputPreview: bytes.subarray(0, PREVIEW_BYTES).toString("utf8"),
    truncated: true,
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

// ---------------------------------------------------------------------------------------------
// Did this call already write an entry?

const tracker = new AsyncLocalStorage<{ writes: number }>();

export type Tracked<T> =
  { ok: true; value: T; writes: number } | { ok: false; error: unknown; writes: number };

/** Runs fn and reports how many audit entries it wrote (recordAudit calls noteAuditWrite). */
export async function trackAuditWrites<T>(fn: () => Promise<T>): Promise<Tracked<T>> {
  const store = { writes: 0 };
  try {
    const value = await tracker.run(store, fn);
    return { ok: true, value, writes: store.writes };
  } catch (error) {
    return { ok: false, error, writes: store.writes };
  }
}

export function noteAuditWrite(): void {
  const store = tracker.getStore();
  if (store) store.writes++;
}

// ---------------------------------------------------------------------------------------------
// Unauthenticated failures, aggregated per source and minute

export type FailureKind = "sign_in" | "api_token" | "signed_out" | "code";

const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

async function writeAggregate(key: string, windowStart: Date, count: number, template: AuditRecord) {
  const [, source, action] = key.split("|");
  await recordAudit({
    ...template,
    action: isAuditAction(action) ? action : template.action,
    actor: {
      type: template.actor.type,
      id: null,
      label: `(aggregated) ${source}`,
      ip: source === "unknown" ? null : source,
    },
    target: { type: template.target.type, label: template.target.label ?? null },
    before: undefined,
    after: { aggregated: true, count, windowStart: windowStart.toISOString() },
    outcome: "failure",
    error: `${count} further failure${count === 1 ? "" : "s"} from ${source} in the minute from ${windowStart.toISOString()}`,
  });
}

/**
 * Writes the counts of closed windows (minutes that are over) as aggregate entries. Called on each
 * failure and by the audit maintenance job; a compare-and-set on the row makes each count land once.
 */
export async function flushFailureWindows(template: (kind: string) => AuditRecord, now = new Date()) {
  const rows = await db.auditRateWindow.findMany({
    where: { windowStart: { lt: minuteOf(now) }, extra: { gt: 0 } },
    take: 500,
  });
  for (const row of rows) {
    const claimed = await db.auditRateWindow.updateMany({
      where: { key: row.key, windowStart: row.windowStart, extra: row.extra },
      data: { extra: 0 },
    });
    if (claimed.count === 1)
      await writeAggregate(row.key, row.windowStart, row.extra, template(row.key.split("|")[0]));
  }
}

/** The entry shape used for aggregates of each kind when flushed without a triggering failure. */
export function aggregateTemplate(kind: string): AuditRecord {
  const actions: Record<string, AuditActionName> = {
    sign_in: "admin.sign_in",
    api_token: "api_token.authenticate",
    code: "organization.connect",
  };
  const action = actions[kind] ?? "action.signed_out";
  return {
    organizationId: null,
    actor: { type: kind === "api_token" ? "api_token" : "admin", id: null, label: "(aggregated)" },
    action,
    target: { type: kind === "api_token" ? "api_token" : "admin" },
    outcome: "failure",
  };
}

/**
 * Records one unauthenticated failure from `source` (the client address): its own entry when it is
 * the first of this minute from that source, otherwise only a count. Returns whether an entry was written.
 */
export async function recordUnauthenticatedFailure(
  kind: FailureKind,
  source: string | null,
  record: AuditRecord,
  now = new Date(),
): Promise<boolean> {
  await flushFailureWindows(aggregateTemplate, now);
  const key = `${kind}|${source ?? "unknown"}|${record.action}`;
  const windowStart = minuteOf(now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const counted = await db.auditRateWindow.updateMany({
      where: { key, windowStart },
      data: { extra: { increment: 1 } },
    });
    if (counted.count === 1) return false;
    // First failure of this minute from this source: open the window (an old one was flushed above).
    const opened = await db.auditRateWindow.updateMany({
      where: { key, windowStart: { lt: windowStart }, extra: 0 },
      data: { windowStart, extra: 0 },
    });
    const created = opened.count === 1 || (await tryCreateWindow(key, windowStart));
    if (created) {
      await recordAudit({
        ...record,
        after: { ...(asObject(record.after) ?? {}), window: windowStart.toISOString() },
      });
      return true;
    }
    await flushFailureWindows(aggregateTemplate, now);
  }
  return false;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

async function tryCreateWindow(key: string, windowStart: Date): Promise<boolean> {
  try {
    await db.auditRateWindow.create({ data: { key, windowStart, extra: 0 } });
    return true;
  } catch {
    return false; // someone else opened it (unique key): count on the next loop
  }
}
