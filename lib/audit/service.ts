// The only way audit entries are written. A change is recorded as "pending" BEFORE ezeep is
// called and completed after, so a change can never happen without its entry: if the pending
// write fails the change is not attempted, and an entry left pending reads "outcome unknown".
//
// Tamper evidence (lib/audit/chain.ts): an entry joins its organization's hash chain when it
// reaches its final state — single-step events at insert, two-phase changes at completion, in
// one transaction with the chain head — so its hash covers exactly what the log shows. A pending
// entry whose process died is sealed into the chain, still "outcome unknown", by the maintenance
// job (lib/audit/retention.ts `sealStalePending`).
//
// Unknown outcomes: when ezeep's answer to a write never came (timeout, dropped connection,
// 502/503/504), the entry becomes "unknown" (still unchained: ezeep may have applied it), the
// feature's reconciler reads the resource back at once, and the entry is completed with what it
// observed. When ezeep cannot be read either, it stays "unknown" until the follow-up job
// reconciles it (lib/audit/unknown.ts).
import "server-only";

import { canonicalJson } from "@/lib/audit/canonical";
import { chainKey, withChain, type HashableEntry, type LockedChain } from "@/lib/audit/chain";
import { reconcilerFor, type Observation, type UnknownChange } from "@/lib/audit/reconcilers";
import type { Actor, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { EzeepError, isUnknownOutcome, UNKNOWN_OUTCOME_MESSAGE } from "@/lib/ezeep";

export { canonicalJson };

/** "pending" and "unknown" are open (unchained, completable once); the others are final. */
export type AuditOutcome = "pending" | "unknown" | "success" | "failure";
const OPEN_OUTCOMES: ReadonlySet<string> = new Set(["pending", "unknown"]);

export interface AuditTarget {
  type: string;
  id?: string | null;
  label?: string | null;
}

/** Who acted: an admin, an API token, the portal itself, or — seen by drift detection — someone outside the portal. */
export type AuditActor = Omit<Actor, "type"> & { type: Actor["type"] | "external" };

export interface AuditRecord {
  organizationId: string | null;
  actor: AuditActor;
  action: string;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
  ezeepStatus?: number | null;
  error?: string | null;
}

function actorColumns(actor: AuditActor) {
  return {
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
    requestId: actor.requestId ?? null,
  };
}

function recordColumns(record: AuditRecord, at: Date) {
  return {
    organizationId: record.organizationId,
    at,
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
    completedAt: OPEN_OUTCOMES.has(record.outcome) ? null : at,
  };
}

/** Appends a complete entry inside a chain already locked by the caller (retention, drift). */
export async function appendLocked(
  chain: LockedChain,
  record: AuditRecord,
  at = new Date(),
): Promise<number> {
  const columns = recordColumns(record, at);
  const link = chain.link(columns);
  const entry = await chain.tx.auditEntry.create({ data: { ...columns, ...link }, select: { id: true } });
  return entry.id;
}

/**
 * Writes one entry. A complete event (sign-in, denied attempt) is chained at once; a "pending"
 * one is inserted unchained and joins the chain when it is completed.
 */
export async function recordAudit(record: AuditRecord): Promise<number> {
  if (OPEN_OUTCOMES.has(record.outcome)) {
    const entry = await db.auditEntry.create({
      data: recordColumns(record, new Date()),
      select: { id: true },
    });
    return entry.id;
  }
  return withChain(chainKey(record.organizationId), (chain) => appendLocked(chain, record));
}

export interface Completion {
  outcome: AuditOutcome;
  targetId?: string | null;
  targetLabel?: string | null;
  after?: string | null;
  ezeepStatus?: number | null;
  error?: string | null;
  completedAt?: Date | null;
}

export class AuditEntryClosedError extends Error {}

/** Completes (or seals) a pending entry and links it into its chain, in one transaction. */
export async function completeEntry(entryId: number, completion: Completion): Promise<void> {
  const current = await db.auditEntry.findUnique({
    where: { id: entryId },
    select: { organizationId: true, outcome: true, hash: true },
  });
  if (!current) throw new AuditEntryClosedError(`audit entry ${entryId} does not exist`);
  if (!OPEN_OUTCOMES.has(current.outcome) || current.hash !== null)
    throw new AuditEntryClosedError(`audit entry ${entryId} is already complete`);
  // Nothing inside the transaction throws on purpose: on SQLite a rollback would also undo
  // statements other requests ran on the shared connection meanwhile.
  const closed = await withChain(chainKey(current.organizationId), async (chain) => {
    const row = await chain.tx.auditEntry.findUnique({ where: { id: entryId } });
    if (!row || !OPEN_OUTCOMES.has(row.outcome) || row.hash !== null) return true;
    const next: Omit<HashableEntry, "chainSeq" | "prevHash"> = {
      ...row,
      outcome: completion.outcome,
      targetId: completion.targetId !== undefined ? completion.targetId : row.targetId,
      targetLabel: completion.targetLabel !== undefined ? completion.targetLabel : row.targetLabel,
      after: completion.after !== undefined ? completion.after : row.after,
      ezeepStatus: completion.ezeepStatus !== undefined ? completion.ezeepStatus : row.ezeepStatus,
      error: completion.error !== undefined ? completion.error : row.error,
      completedAt: completion.completedAt !== undefined ? completion.completedAt : new Date(),
    };
    const link = chain.link(next);
    await chain.tx.auditEntry.update({
      where: { id: entryId },
      data: {
        outcome: next.outcome,
        targetId: next.targetId,
        targetLabel: next.targetLabel,
        after: next.after,
        ezeepStatus: next.ezeepStatus,
        error: next.error,
        completedAt: next.completedAt,
        ...link,
      },
    });
    return false;
  });
  if (closed) throw new AuditEntryClosedError(`audit entry ${entryId} is already complete`);
}

/** Completion with a short retry: a completed change should not stay "outcome unknown" over a blip. */
async function completeWithRetry(entryId: number, completion: Completion): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await completeEntry(entryId, completion);
    } catch (err) {
      if (err instanceof AuditEntryClosedError) throw err;
      lastError = err;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
  throw lastError;
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

/** The change may have been applied and ezeep could not be read back yet: the entry stays "unknown". */
export class OutcomeUnknownError extends UserFacingError {
  constructor() {
    super(
      `${UNKNOWN_OUTCOME_MESSAGE} ezeep could not be read either, so it is not known yet. The audit log shows it as "Unknown"; the portal checks again within a few minutes. Look at the result there before doing it again.`,
    );
    this.name = "OutcomeUnknownError";
  }
}

export const NOT_APPLIED_MESSAGE = `${UNKNOWN_OUTCOME_MESSAGE} It was not applied: ezeep shows the state from before, nothing changed.`;

/** A JSON value as it will read back from the database (plain data only). */
function asStored(value: unknown): unknown {
  const json = canonicalJson(value);
  return json === null ? null : (JSON.parse(json) as unknown);
}

/** Marks a pending entry "unknown": ezeep may have applied the change. It stays unchained. */
async function markUnknown(entryId: number, err: EzeepError): Promise<void> {
  try {
    await db.auditEntry.updateMany({
      where: { id: entryId, outcome: "pending", hash: null },
      data: { outcome: "unknown", ezeepStatus: err.status, error: err.message.slice(0, 2000) },
    });
  } catch (dbErr) {
    console.error(`[audit] could not mark entry ${entryId} unknown (it stays pending)`, dbErr);
  }
}

/** Completes an "unknown" entry with what reading ezeep back showed; `cause` is the lost answer. */
export async function settleUnknown(
  entryId: number,
  observation: Observation,
  cause: string | null,
  intended: unknown,
): Promise<void> {
  const note = `ezeep did not answer${cause ? ` (${cause})` : ""}; read back from ezeep: ${
    observation.applied ? "the change was applied" : "the change was not applied"
  }`;
  const observed = { ...(objectOrValue(observation.observed) ?? {}), readBack: note };
  if (!observation.applied) {
    // What was asked for stays on record next to what ezeep showed.
    const after = canonicalJson({ ...observed, intended: intended ?? null });
    await completeWithRetry(entryId, { outcome: "failure", after, error: note });
    return;
  }
  await completeWithRetry(entryId, {
    outcome: "success",
    after: canonicalJson(observed),
    error: null,
    ...(observation.targetId !== undefined ? { targetId: observation.targetId } : {}),
    ...(observation.targetLabel !== undefined ? { targetLabel: observation.targetLabel } : {}),
  });
}

function objectOrValue(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { observed: value };
}

/**
 * ezeep's answer to the write never came: mark the entry "unknown", read the resource back
 * through the action's reconciler and complete the entry with what it shows. Returns the result
 * when the change was applied; throws a plain-words error when it was not or cannot be known yet.
 */
async function afterLostAnswer<T>(
  ctx: OrgContext,
  entryId: number,
  change: AuditedChange<T>,
  err: EzeepError,
): Promise<T> {
  await markUnknown(entryId, err);
  const reconciler = reconcilerFor(change.action);
  if (!reconciler) throw new OutcomeUnknownError();
  let observation: Observation;
  try {
    observation = await reconciler(ctx, {
      entryId,
      action: change.action,
      targetId: change.target.id ?? null,
      targetLabel: change.target.label ?? null,
      before: asStored(change.before),
      intended: asStored(change.intended),
      at: new Date(),
      actor: { id: ctx.actor.id, label: ctx.actor.label },
    } satisfies UnknownChange);
  } catch (readErr) {
    console.warn(`[audit] entry ${entryId}: ezeep could not be read back yet`, readErr);
    throw new OutcomeUnknownError();
  }
  await settleUnknown(entryId, observation, err.message, asStored(change.intended));
  if (observation.applied) return observation.result as T;
  throw new UserFacingError(NOT_APPLIED_MESSAGE);
}

/**
 * Runs one change with its audit entry: pending → call → success/failure, or — when ezeep's
 * answer never came — unknown → read back → success/failure (see `afterLostAnswer`). The error of a failed
 * change is rethrown unchanged after it has been recorded. When the completion cannot be
 * written, the change is reported as failed (the entry stays "outcome unknown"), never as done.
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
    if (isUnknownOutcome(err)) return afterLostAnswer(ctx, entryId, change, err);
    const { ezeepStatus, error } = failureDetails(err);
    try {
      await completeWithRetry(entryId, { outcome: "failure", ezeepStatus, error: error.slice(0, 2000) });
    } catch (auditErr) {
      console.error(
        `[audit] could not complete entry ${entryId} (failure stays "outcome unknown")`,
        auditErr,
      );
    }
    throw err;
  }
  const target = outcome.target ?? change.target;
  await completeWithRetry(entryId, {
    outcome: "success",
    targetId: target.id ?? null,
    targetLabel: target.label ?? null,
    after: canonicalJson(outcome.after ?? change.intended),
    ezeepStatus: null,
  });
  return outcome.result;
}
