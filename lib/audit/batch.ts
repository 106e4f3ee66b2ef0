// Many changes of one kind, each with its own audit entry, for bulk work (a users-list selection).
// The guarantees are audited()'s (lib/audit/service.ts): every entry is "pending" before its ezeep
// call, gets exactly one chained completion (success, failure, or "unknown" when ezeep's answer
// never came), and an unknown one is read back through the action's reconciler and settled by a
// chained settling entry. Only the database work is batched: the pending entries of the whole
// selection are appended in one chained transaction, the ezeep calls run at the allowed
// concurrency meanwhile no database write waits, and the completions are linked in one chained
// transaction (a few for very large selections). Per-entry transactions serialized on the chain
// lock made a 100-user change several times slower than its ezeep calls.
import "server-only";

import type { RecordedActionName } from "@/lib/audit/actions-catalog";
import { chainKey, withChain, type LockedChain } from "@/lib/audit/chain";
import type { Observation } from "@/lib/audit/reconcilers";
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
import { chunk, mapPool } from "@/lib/concurrency";
import { updateById, type BulkType, type BulkUpdate } from "@/lib/db-bulk";
import { UserFacingError } from "@/lib/errors";
import { isUnknownOutcome, type EzeepError } from "@/lib/ezeep";
import { moduleLogger } from "@/lib/observability/logger";
import { recordAuditEntry } from "@/lib/observability/metrics";

/** Entries per chained transaction: bounds how long one append holds the chain lock. */
const PER_TRANSACTION = 250;

/** One change of the batch: audited()'s change without its action (the batch has one). */
export type BatchChange<T> = Omit<AuditedChange<T>, "action">;

export type BatchResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

type Ran<T> =
  | { kind: "done"; outcome: Awaited<ReturnType<BatchChange<T>["run"]>> }
  | { kind: "failed"; err: unknown }
  | { kind: "unknown"; err: EzeepError };

const parts = <T>(items: readonly T[]) => chunk(items, PER_TRANSACTION);

/** Appends complete or pending entries of one organization in order, a chained transaction per part. */
export async function recordMany(organizationId: string | null, records: AuditRecord[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of parts(records)) {
    const written = await withChain(chainKey(organizationId), (chain) => appendManyLocked(chain, part));
    ids.push(...written);
  }
  for (const record of records) {
    recordAuditEntry(record.outcome);
    noteAuditWrite();
  }
  return ids;
}

/** Per entry id: true once its completion is linked, false when it was complete already (sealed). */
type Completed = Map<number, boolean>;

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

/** Links the completions not linked yet, a chained transaction per part; records each in `completed`. */
async function completeMany(
  organizationId: string,
  items: { id: number; completion: Completion }[],
  completed: Completed,
): Promise<void> {
  for (const part of parts(items.filter((i) => !completed.has(i.id)))) {
    const linked = await withChain(chainKey(organizationId), (chain) => completePart(chain, part));
    for (const item of part) {
      completed.set(item.id, linked.has(item.id));
      if (linked.has(item.id)) recordAuditEntry(item.completion.outcome);
    }
  }
}

/** With a short retry, like a single completion: a completed change should not stay pending over a blip. */
async function completeManyWithRetry(
  organizationId: string,
  items: { id: number; completion: Completion }[],
): Promise<{ completed: Completed; error: unknown }> {
  const completed: Completed = new Map();
  let error: unknown = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await completeMany(organizationId, items, completed);
      return { completed, error: null };
    } catch (err) {
      error = err;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
  moduleLogger("audit").error({ err: error }, 'could not complete a batch (entries stay "outcome unknown")');
  return { completed, error };
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

/** Reads back every change whose answer was lost and settles them in one chained transaction. */
async function settleLost<T>(
  ctx: OrgContext,
  action: RecordedActionName,
  lost: { index: number; id: number; change: BatchChange<T>; err: EzeepError }[],
  concurrency: number,
): Promise<Map<number, BatchResult<T>>> {
  const out = new Map<number, BatchResult<T>>();
  if (lost.length === 0) return out;
  const observed = await mapPool(lost, concurrency, async (l) => ({
    ...l,
    observation: await readBack(ctx, l.id, { ...l.change, action }),
  }));
  const decided = observed.filter(
    (o): o is typeof o & { observation: Observation } => o.observation !== null,
  );
  try {
    await withChain(chainKey(ctx.organization.id), async (chain) => {
      for (const o of decided) {
        const ref = unknownRefOf(ctx, o.id, { ...o.change, action }, o.err);
        await settleLocked(chain, ref, o.observation, asStored(o.change.intended));
      }
    });
  } catch (err) {
    // The entries stay "unknown"; the follow-up job reads them back again (lib/audit/unknown.ts).
    moduleLogger("audit").error({ err }, "could not record what reading ezeep back showed");
  }
  for (const o of observed) {
    if (!o.observation) out.set(o.index, { ok: false, error: new OutcomeUnknownError() });
    else if (o.observation.applied === null)
      out.set(o.index, {
        ok: false,
        error: new OutcomeUnknownError(undecidableMessage(o.observation.reason)),
      });
    else if (o.observation.applied) out.set(o.index, { ok: true, value: o.observation.result as T });
    else out.set(o.index, { ok: false, error: new UserFacingError(NOT_APPLIED_MESSAGE) });
  }
  return out;
}

/**
 * Runs every change with its own audit entry, batching the database work (see the top of this
 * file). `alsoRecord`: complete entries written with the pending ones (e.g. users that could not
 * be read). Results keep the order of `changes`; one change's failure does not stop the others.
 * Throws only when the pending entries cannot be written: then nothing was sent to ezeep.
 */
export async function auditedBatch<T>(
  ctx: OrgContext,
  action: RecordedActionName,
  changes: readonly BatchChange<T>[],
  opts: { concurrency: number; alsoRecord?: AuditRecord[] },
): Promise<BatchResult<T>[]> {
  const extra = opts.alsoRecord ?? [];
  const pending: AuditRecord[] = changes.map((c) => ({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action,
    target: c.target,
    before: c.before,
    after: c.intended,
    outcome: "pending",
  }));
  const ids = (await recordMany(ctx.organization.id, [...extra, ...pending])).slice(extra.length);
  const ran = await mapPool(changes, opts.concurrency, async (change): Promise<Ran<T>> => {
    try {
      return { kind: "done", outcome: await change.run() };
    } catch (err) {
      return isUnknownOutcome(err) ? { kind: "unknown", err } : { kind: "failed", err };
    }
  });
  const { completed, error } = await completeManyWithRetry(
    ctx.organization.id,
    ran.map((r, i) => ({ id: ids[i]!, completion: completionOf(changes[i]!, r) })),
  );
  const lost = ran.flatMap((r, index) =>
    r.kind === "unknown" ? [{ index, id: ids[index]!, change: changes[index]!, err: r.err }] : [],
  );
  const settled = await settleLost(ctx, action, lost, opts.concurrency);
  return ran.map((r, i): BatchResult<T> => {
    if (r.kind === "unknown") return settled.get(i)!;
    if (r.kind === "failed") return { ok: false, error: r.err };
    // Never reported done without its completion (as audited(): the entry stays "outcome unknown").
    const linked = completed.get(ids[i]!);
    if (linked === undefined) return { ok: false, error };
    if (!linked)
      return { ok: false, error: new AuditEntryClosedError(`audit entry ${ids[i]} is already complete`) };
    return { ok: true, value: r.outcome.result };
  });
}
