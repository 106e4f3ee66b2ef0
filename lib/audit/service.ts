// The only way audit entries are written. A change is recorded as "pending" BEFORE ezeep is
// called and completed after, so a change can never happen without its entry: if the pending
// write fails the change is not attempted, and an entry left pending reads "outcome unknown".
import { db } from "@/lib/db";
import type { Actor, OrgContext } from "@/lib/auth/context";
import { EzeepError } from "@/lib/ezeep";

export type AuditOutcome = "pending" | "success" | "failure";

export interface AuditTarget {
  type: string;
  id?: string | null;
  label?: string | null;
}

export interface AuditRecord {
  organizationId: string | null;
  actor: Actor;
  action: string;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
  ezeepStatus?: number | null;
  error?: string | null;
}

/** JSON with sorted keys, so equal values always serialize (and later hash) identically. */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function actorColumns(actor: Actor) {
  return {
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
    requestId: actor.requestId ?? null,
  };
}

/** A single-step event (sign-in, denied attempt): written complete in one insert. */
export async function recordAudit(record: AuditRecord): Promise<number> {
  const entry = await db.auditEntry.create({
    data: {
      organizationId: record.organizationId,
      ...actorColumns(record.actor),
      action: record.action,
      targetType: record.target.type,
      targetId: record.target.id ?? null,
      targetLabel: record.target.label ?? null,
      before: canonicalJson(record.before),
      after: canonicalJson(record.after),
      outcome: record.outcome,
      ezeepStatus: record.ezeepStatus ?? null,
      error: record.error ?? null,
      completedAt: record.outcome === "pending" ? null : new Date(),
    },
    select: { id: true },
  });
  return entry.id;
}

export interface AuditedChange<T> {
  action: string;
  target: AuditTarget;
  before?: unknown;
  /** What the change intends; replaced by the ezeep result's `after` on success. */
  intended?: unknown;
  run: () => Promise<{ result: T; after?: unknown; target?: AuditTarget }>;
}

function failureDetails(err: unknown): { ezeepStatus: number | null; error: string } {
  if (err instanceof EzeepError) return { ezeepStatus: err.status, error: err.message };
  if (err instanceof Error) return { ezeepStatus: null, error: err.message };
  return { ezeepStatus: null, error: String(err) };
}

/**
 * Runs one change with its audit entry: pending → call → success/failure. The error of a failed
 * change is rethrown unchanged after it has been recorded.
 */
export async function audited<T>(ctx: OrgContext, change: AuditedChange<T>): Promise<T> {
  const entryId = await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: change.action,
    target: change.target,
    before: change.before,
    after: change.intended,
    outcome: "pending",
  });
  let outcome: Awaited<ReturnType<AuditedChange<T>["run"]>>;
  try {
    outcome = await change.run();
  } catch (err) {
    const { ezeepStatus, error } = failureDetails(err);
    await db.auditEntry.update({
      where: { id: entryId },
      data: { outcome: "failure", ezeepStatus, error, completedAt: new Date() },
    });
    throw err;
  }
  const target = outcome.target ?? change.target;
  await db.auditEntry.update({
    where: { id: entryId },
    data: {
      outcome: "success",
      targetId: target.id ?? null,
      targetLabel: target.label ?? null,
      after: canonicalJson(outcome.after ?? change.intended),
      ezeepStatus: null,
      completedAt: new Date(),
    },
  });
  return outcome.result;
}
