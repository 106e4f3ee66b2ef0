// The only way audit entries are written. A change is recorded as "pending" BEFORE ezeep is
// called and completed after, so a change can never happen without its entry: if the pending
// write fails the change is not attempted, and an entry left pending reads "outcome unknown".
//
// Tamper evidence (lib/audit/chain.ts, lib/audit/link.ts): every entry is linked into its
// organization's keyed hash chain when it is written — a pending one too — and a two-phase
// change's completion gets its own link, in one transaction with the chain head. A pending entry
// whose process died is sealed, still "outcome unknown", by the maintenance job
// (lib/audit/retention.ts `sealStalePending`).
//
// Unknown outcomes (append-only, nothing rewritten): when ezeep's answer to a write never came
// (timeout, dropped connection, 502/503/504), the pending entry gets its one completion with
// outcome "unknown" — ezeep may have applied it. The feature's reconciler then reads the resource
// back; what it finds is a NEW entry (same action, target and actor, outcome success or failure,
// `after` = the observed state) whose `reconcilesId` points at the unknown entry and "settles" it.
// When ezeep cannot be read at once, the follow-up job tries again (lib/audit/unknown.ts).
import "server-only";

import { canonicalJson } from "@/lib/audit/canonical";
import { chainKey, withChain, type HashableEntry, type LockedChain, type Tx } from "@/lib/audit/chain";
import { reconcilerFor, type Observation, type UnknownChange } from "@/lib/audit/reconcilers";
import type {
  AuditActor,
  AuditedChange,
  AuditOutcome,
  AuditRecord,
  AuditTarget,
  Completion,
} from "@/lib/audit/record-types";
import { noteAuditWrite } from "@/lib/audit/refusals";
import {
  asStored,
  NOT_APPLIED_MESSAGE,
  OutcomeUnknownError,
  settlingRecord,
  undecidableMessage,
  type UnknownEntryRef,
} from "@/lib/audit/settlement-record";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { insertReturning } from "@/lib/db-bulk";
import { UserFacingError } from "@/lib/errors";
import { EzeepError, isUnknownOutcome } from "@/lib/ezeep";
import { moduleLogger } from "@/lib/observability/logger";
import { recordAuditEntry } from "@/lib/observability/metrics";

export { canonicalJson };
// Callers catch and show these; they live with the settling entries.
export { NOT_APPLIED_MESSAGE, OutcomeUnknownError, type UnknownEntryRef };
export type { AuditActor, AuditedChange, AuditOutcome, AuditRecord, AuditTarget, Completion };

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
    completedAt: record.outcome === "pending" ? null : at,
    reconcilesId: record.reconcilesId ?? null,
  };
}

/** Appends a complete entry inside a chain already locked by the caller (retention, drift). */
export async function appendLocked(
  chain: LockedChain,
  record: AuditRecord,
  at = new Date(),
): Promise<number> {
  const columns = recordColumns(record, at);
  const link = chain.linkEntry(columns, record.outcome === "pending" ? "pending" : "complete");
  const entry = await chain.tx.auditEntry.create({ data: { ...columns, ...link }, select: { id: true } });
  return entry.id;
}

/**
 * Appends many entries in order inside a locked chain with one multi-row insert (bulk work).
 * Returns their ids in the order of `records`.
 */
export async function appendManyLocked(
  chain: LockedChain,
  records: AuditRecord[],
  at = new Date(),
): Promise<number[]> {
  const rows = records.map((record) => {
    const columns = recordColumns(record, at);
    return { ...columns, ...chain.linkEntry(columns, record.outcome === "pending" ? "pending" : "complete") };
  });
  // Plain INSERTs (lib/db-bulk.ts): Prisma's createManyAndReturn was most of a bulk change's CPU.
  const written = await insertReturning(chain.tx, "AuditEntry", rows, ["id", "chainSeq"]);
  // Each position of the chain is taken once: it names its row whatever order the database answers in.
  const idAt = new Map(written.map((w) => [Number(w.chainSeq), Number(w.id)]));
  return rows.map((r) => idAt.get(r.chainSeq)!);
}

/**
 * Writes one entry, linked into its chain: a complete event (sign-in, denied attempt) as it is,
 * a "pending" one as pending (its completion is linked later by completeEntry).
 */
export async function recordAudit(record: AuditRecord): Promise<number> {
  recordAuditEntry(record.outcome);
  noteAuditWrite();
  return withChain(chainKey(record.organizationId), (chain) => appendLocked(chain, record));
}

export class AuditEntryClosedError extends Error {}

export type EntryRow = NonNullable<Awaited<ReturnType<Tx["auditEntry"]["findUnique"]>>>;

/**
 * Links the completion of `row` (read inside `chain`'s transaction) and writes it. False when the
 * entry is missing or complete already. Nothing here throws on purpose: on SQLite a rollback would
 * also undo statements other requests ran on the shared connection meanwhile.
 */
export async function completeLocked(
  chain: LockedChain,
  row: EntryRow | null,
  completion: Completion,
): Promise<boolean> {
  if (!row || row.outcome !== "pending" || row.completionHash !== null) return false;
  const next = completedEntry(row, completion);
  // An entry written before the chain was keyed has no link yet: it is linked as it ends.
  const link = row.hash === null ? chain.linkEntry(next, "complete") : chain.linkCompletion(next, row.hash);
  await chain.tx.auditEntry.update({
    where: { id: row.id },
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
  return true;
}

/** A pending entry as its completion makes it: what the completion's link hashes and what is stored. */
export function completedEntry(row: EntryRow, completion: Completion): HashableEntry {
  const pick = <K extends keyof Completion & keyof HashableEntry>(k: K) =>
    (completion[k] !== undefined ? completion[k] : row[k]) as HashableEntry[K];
  return {
    ...row,
    outcome: completion.outcome,
    targetId: pick("targetId"),
    targetLabel: pick("targetLabel"),
    after: pick("after"),
    ezeepStatus: pick("ezeepStatus"),
    error: pick("error"),
    completedAt: completion.completedAt !== undefined ? completion.completedAt : new Date(),
  };
}

/** Completes (or seals) a pending entry and links it into its chain, in one transaction. */
export async function completeEntry(entryId: number, completion: Completion): Promise<void> {
  const current = await db.auditEntry.findUnique({
    where: { id: entryId },
    select: { organizationId: true, outcome: true, completionHash: true },
  });
  if (!current) throw new AuditEntryClosedError(`audit entry ${entryId} does not exist`);
  if (current.outcome !== "pending" || current.completionHash !== null)
    throw new AuditEntryClosedError(`audit entry ${entryId} is already complete`);
  const completed = await withChain(chainKey(current.organizationId), async (chain) =>
    completeLocked(chain, await chain.tx.auditEntry.findUnique({ where: { id: entryId } }), completion),
  );
  if (!completed) throw new AuditEntryClosedError(`audit entry ${entryId} is already complete`);
  recordAuditEntry(completion.outcome);
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

export function failureDetails(err: unknown): { ezeepStatus: number | null; error: string } {
  if (err instanceof EzeepError) return { ezeepStatus: err.status, error: err.message };
  if (err instanceof Error) return { ezeepStatus: null, error: err.message };
  return { ezeepStatus: null, error: String(err) };
}

/**
 * Appends the settling entry inside a locked chain, unless one exists already (checked under the
 * chain lock, so the immediate read-back and the follow-up job never both settle it). Returns its
 * id, or null when it was settled before.
 */
export async function settleLocked(
  chain: LockedChain,
  unknown: UnknownEntryRef,
  observation: Observation | null,
  intended: unknown,
): Promise<number | null> {
  const earlier = await chain.tx.auditEntry.findFirst({
    where: { reconcilesId: unknown.id },
    select: { id: true },
  });
  if (earlier) return null;
  const record = settlingRecord(unknown, observation, intended);
  const id = await appendLocked(chain, record);
  recordAuditEntry(record.outcome);
  noteAuditWrite();
  return id;
}

/**
 * Settles an "unknown" entry: appends the entry that records what reading ezeep back showed
 * (null: still undecidable, given up). Returns its id, or null when another run settled it first.
 */
export function settleUnknown(
  unknown: UnknownEntryRef,
  observation: Observation | null,
  intended: unknown,
): Promise<number | null> {
  return withChain(chainKey(unknown.organizationId), (chain) =>
    settleLocked(chain, unknown, observation, intended),
  );
}

/** The one completion of an entry whose answer never came. */
export function unknownCompletion(err: EzeepError): Completion {
  return {
    outcome: "unknown",
    ezeepStatus: err.status,
    error: `ezeep did not answer; it may have applied this (${err.message})`.slice(0, 2000),
  };
}

/** Completes the pending entry as "unknown": its one completion. Logged, never thrown. */
async function completeUnknown(entryId: number, err: EzeepError): Promise<void> {
  try {
    await completeWithRetry(entryId, unknownCompletion(err));
  } catch (auditErr) {
    moduleLogger("audit").error({ err: auditErr, entryId }, "could not complete entry as unknown");
  }
}

/** The unknown entry of `change` as a settling entry refers to it. */
export function unknownRefOf(
  ctx: OrgContext,
  entryId: number,
  change: Pick<AuditedChange<unknown>, "action" | "target" | "before">,
  err: EzeepError,
): UnknownEntryRef {
  return {
    id: entryId,
    organizationId: ctx.organization.id,
    action: change.action,
    targetType: change.target.type,
    targetId: change.target.id ?? null,
    targetLabel: change.target.label ?? null,
    actor: ctx.actor,
    ezeepStatus: err.status,
    before: asStored(change.before),
  };
}

/**
 * Reads ezeep back through the action's reconciler after a lost answer. Null when there is no
 * reconciler or ezeep cannot be read now (the follow-up job tries again).
 */
export async function readBack(
  ctx: OrgContext,
  entryId: number,
  change: Omit<AuditedChange<unknown>, "run">,
): Promise<Observation | null> {
  const reconciler = reconcilerFor(change.action);
  if (!reconciler) return null;
  try {
    return await reconciler(ctx, {
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
    moduleLogger("audit").warn({ err: readErr, entryId }, "ezeep could not be read back yet");
    return null;
  }
}

/**
 * ezeep's answer to the write never came: complete the entry "unknown", read the resource back
 * through the action's reconciler and append the settling entry. Returns the result when the
 * change was applied; throws a plain-words error when it was not or cannot be known yet.
 */
async function afterLostAnswer<T>(
  ctx: OrgContext,
  entryId: number,
  change: AuditedChange<T>,
  err: EzeepError,
): Promise<T> {
  await completeUnknown(entryId, err);
  const observation = await readBack(ctx, entryId, change);
  if (!observation) throw new OutcomeUnknownError();
  await settleUnknown(unknownRefOf(ctx, entryId, change, err), observation, asStored(change.intended));
  if (observation.applied === null) throw new OutcomeUnknownError(undecidableMessage(observation.reason));
  if (observation.applied) return observation.result as T;
  throw new UserFacingError(NOT_APPLIED_MESSAGE);
}

/**
 * Runs one change with its audit entry: pending → call → success/failure, or — when ezeep's
 * answer never came — unknown, then a settling entry from reading ezeep back. The error of a failed
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
      moduleLogger("audit").error(
        { err: auditErr, entryId },
        'could not complete entry (failure stays "outcome unknown")',
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
