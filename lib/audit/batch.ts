// Many changes of one kind, each with its own audit entry, for bulk work (a users-list selection).
// The guarantees are audited()'s (lib/audit/service.ts): every entry is "pending" before its ezeep
// call, gets exactly one chained completion (success, failure, or "unknown" when ezeep's answer
// never came), and an unknown one is read back through the action's reconciler and settled by a
// chained settling entry. Only the database work is grouped: the pending entries of the changes
// that start side by side are appended in one chained transaction, and their completions linked
// in another (a group commit, createBatcher), while the other changes' ezeep calls go on. Per-entry
// transactions serialized on the chain lock made a 100-user change several times slower than its
// ezeep calls; one transaction for the whole selection made every change wait for the slowest
// read before any write could start.
import "server-only";

import type { RecordedActionName } from "@/lib/audit/actions-catalog";
import { chainKey, withChain, type LockedChain } from "@/lib/audit/chain";
import { noteAuditWrite } from "@/lib/audit/refusals";
import {
  appendManyLocked,
  AuditEntryClosedError,
  canonicalJson,
  completedEntry,
  completeLocked,
  failureDetails,
  NOT_APPLIED_MESSAGE,
  OutcomeUnknownError,
  readBack,
  settleLocked,
  unknownCompletion,
  unknownRefOf,
  type AuditedChange,
  type AuditRecord,
  type Completion,
} from "@/lib/audit/service";
import { asStored, undecidableMessage } from "@/lib/audit/settlement-record";
import type { OrgContext } from "@/lib/auth/context";
import { createBatcher } from "@/lib/concurrency";
import { updateById, type BulkType, type BulkUpdate } from "@/lib/db-bulk";
import { UserFacingError } from "@/lib/errors";
import { isUnknownOutcome, type EzeepError } from "@/lib/ezeep";
import { moduleLogger } from "@/lib/observability/logger";
import { recordAuditEntry } from "@/lib/observability/metrics";

/** One change of the batch: audited()'s change without its action (the batch has one). */
export type BatchChange<T> = Omit<AuditedChange<T>, "action">;

export type BatchResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

type Ran<T> =
  | { kind: "done"; outcome: Awaited<ReturnType<BatchChange<T>["run"]>> }
  | { kind: "failed"; err: unknown }
  | { kind: "unknown"; err: EzeepError };

/** The columns a completion writes, with their types (completedAt is one value for the part). */
const COMPLETION_TYPES = {
  outcome: "text",
  targetId: "text",
  targetLabel: "text",
  after: "text",
  ezeepStatus: "int",
  error: "text",
  completionSeq: "int",
  completionPrevHash: "text",
  completionHash: "text",
} satisfies Record<string, BulkType>;

/**
 * Links a part's completions in order and writes them with a few statements (lib/db-bulk.ts):
 * one Prisma update per entry cost more CPU than the batch's ezeep calls. Entries written before
 * the chain was keyed are completed one by one, as completeLocked does.
 */
async function completePart(
  chain: LockedChain,
  part: { id: number; completion: Completion }[],
): Promise<Set<number>> {
  const rows = await chain.tx.auditEntry.findMany({ where: { id: { in: part.map((i) => i.id) } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const completedAt = new Date();
  const ids = new Set<number>();
  const writes: BulkUpdate<keyof typeof COMPLETION_TYPES>["rows"][number][] = [];
  for (const item of part) {
    const row = byId.get(item.id);
    if (!row || row.outcome !== "pending" || row.completionHash !== null) continue;
    if (row.hash === null || item.completion.completedAt !== undefined) {
      if (await completeLocked(chain, row, item.completion)) ids.add(item.id);
      continue;
    }
    const next = completedEntry(row, { ...item.completion, completedAt });
    const link = chain.linkCompletion(next, row.hash);
    writes.push({
      id: row.id,
      values: {
        outcome: next.outcome,
        targetId: next.targetId,
        targetLabel: next.targetLabel,
        after: next.after,
        ezeepStatus: next.ezeepStatus,
        error: next.error,
        ...link,
      },
    });
    ids.add(item.id);
  }
  await updateById(chain.tx, {
    table: "AuditEntry",
    idType: "int",
    columns: COMPLETION_TYPES,
    rows: writes,
    shared: { completedAt },
  });
  return ids;
}

function completionOf<T>(change: BatchChange<T>, ran: Ran<T>): Completion {
  if (ran.kind === "unknown") return unknownCompletion(ran.err);
  if (ran.kind === "failed") {
    const { ezeepStatus, error } = failureDetails(ran.err);
    return { outcome: "failure", ezeepStatus, error: error.slice(0, 2000) };
  }
  const target = ran.outcome.target ?? change.target;
  return {
    outcome: "success",
    targetId: target.id ?? null,
    targetLabel: target.label ?? null,
    after: canonicalJson(ran.outcome.after ?? change.intended),
    ezeepStatus: null,
  };
}

/** Reads back a change whose answer was lost, settles its entry (chained) and says what happened. */
async function settleLost<T>(
  ctx: OrgContext,
  action: RecordedActionName,
  lost: { id: number; change: BatchChange<T>; err: EzeepError },
): Promise<BatchResult<T>> {
  const change = { ...lost.change, action };
  const observation = await readBack(ctx, lost.id, change);
  if (!observation) return { ok: false, error: new OutcomeUnknownError() };
  try {
    await withChain(chainKey(ctx.organization.id), (chain) =>
      settleLocked(
        chain,
        unknownRefOf(ctx, lost.id, change, lost.err),
        observation,
        asStored(change.intended),
      ),
    );
  } catch (err) {
    // The entry stays "unknown"; the follow-up job reads it back again (lib/audit/unknown.ts).
    moduleLogger("audit").error({ err }, "could not record what reading ezeep back showed");
  }
  if (observation.applied === null)
    return { ok: false, error: new OutcomeUnknownError(undecidableMessage(observation.reason)) };
  if (observation.applied) return { ok: true, value: observation.result as T };
  return { ok: false, error: new UserFacingError(NOT_APPLIED_MESSAGE) };
}

/**
 * How long the first write of a group waits for others. One chained transaction costs a few ms of
 * CPU whether it carries 1 entry or 20, and at full concurrency a change starts or ends every
 * 1–2 ms: 10 ms makes groups of about ten while the other changes' ezeep calls go on (5 ms cost
 * 15 % more CPU for no faster batch, 15 ms held the changes up: `npm run bench`, bulk row).
 */
const GROUPING = { lingerMs: 10 };
/** Attempts at linking a completion: a completed change should not stay pending over a blip. */
const COMPLETION_ATTEMPTS = 3;

/** One write to an organization's chain: a new entry (pending or complete), or a completion. */
type ChainWrite =
  { kind: "append"; record: AuditRecord } | { kind: "complete"; id: number; completion: Completion };

/**
 * Group commit of one chain's writes (createBatcher): the new entries and the completions that
 * arrive side by side share one chained transaction. Answers, per write: the new entry's id; or
 * whether the completion was linked (false: the entry was complete already).
 */
function chainWriter(organizationId: string) {
  return createBatcher(async (writes: ChainWrite[]): Promise<(number | boolean)[]> => {
    const records = writes.flatMap((w) => (w.kind === "append" ? [w.record] : []));
    const completions = writes.flatMap((w) => (w.kind === "complete" ? [w] : []));
    const { ids, linked } = await withChain(chainKey(organizationId), async (chain) => ({
      ids: records.length > 0 ? await appendManyLocked(chain, records) : [],
      linked: completions.length > 0 ? await completePart(chain, completions) : new Set<number>(),
    }));
    for (const record of records) {
      recordAuditEntry(record.outcome);
      noteAuditWrite();
    }
    for (const c of completions) if (linked.has(c.id)) recordAuditEntry(c.completion.outcome);
    let next = 0;
    return writes.map((w) => (w.kind === "append" ? ids[next++]! : linked.has(w.id)));
  }, GROUPING);
}

/** One entry's completion as the writer reports it: linked, already complete, or not written. */
type CompletionWrite = { linked: boolean | undefined; error: unknown };

/** An open batch (see the top of this file): changes run side by side, their writes are grouped. */
export interface AuditedBatch<T> {
  /** Writes the change's pending entry, runs it, completes the entry; settles a lost answer. */
  run(change: BatchChange<T>): Promise<BatchResult<T>>;
  /** A complete entry (e.g. a user that could not be read), written with the next pending ones. */
  record(record: AuditRecord): Promise<void>;
}

/**
 * Opens a batch of changes of one action, each with its own audit entry. The pending entries and
 * completions of the changes that get there side by side are written in one chained transaction
 * (chainWriter), so a bulk change pays a few transactions, and each change starts its ezeep call
 * as soon as its own entry is written — none waits for the whole selection. A change whose pending
 * entry could not be written is not sent to ezeep.
 */
export function openAuditedBatch<T>(ctx: OrgContext, action: RecordedActionName): AuditedBatch<T> {
  const orgId = ctx.organization.id;
  const write = chainWriter(orgId);
  const append = async (record: AuditRecord) => (await write({ kind: "append", record })) as number;
  const complete = async (id: number, completion: Completion): Promise<CompletionWrite> => {
    let error: unknown = null;
    for (let attempt = 1; attempt <= COMPLETION_ATTEMPTS; attempt++) {
      try {
        return { linked: (await write({ kind: "complete", id, completion })) as boolean, error: null };
      } catch (err) {
        error = err;
        if (attempt < COMPLETION_ATTEMPTS) await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
    moduleLogger("audit").error(
      { err: error, id },
      'could not complete a batch entry (it stays "outcome unknown")',
    );
    return { linked: undefined, error };
  };
  return {
    async record(record) {
      await append(record);
    },
    async run(change) {
      let id: number;
      try {
        id = await append({
          organizationId: orgId,
          actor: ctx.actor,
          action,
          target: change.target,
          before: change.before,
          after: change.intended,
          outcome: "pending",
        });
      } catch (error) {
        return { ok: false, error }; // nothing was sent
      }
      let ran: Ran<T>;
      try {
        ran = { kind: "done", outcome: await change.run() };
      } catch (err) {
        ran = isUnknownOutcome(err) ? { kind: "unknown", err } : { kind: "failed", err };
      }
      const written = await complete(id, completionOf(change, ran));
      if (ran.kind === "unknown") return settleLost(ctx, action, { id, change, err: ran.err });
      if (ran.kind === "failed") return { ok: false, error: ran.err };
      // Never reported done without its completion (as audited(): the entry stays "outcome unknown").
      if (written.linked === undefined) return { ok: false, error: written.error };
      if (!written.linked)
        return { ok: false, error: new AuditEntryClosedError(`audit entry ${id} is already complete`) };
      return { ok: true, value: ran.outcome.result };
    },
  };
}
