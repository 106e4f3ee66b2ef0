// What a settling entry records (lib/audit/service.ts `settleUnknown`): the state reading ezeep
// back showed after a write whose answer was lost, and the plain words the admin reads.
import type { RecordedActionName } from "@/lib/audit/actions-catalog";
import { canonicalJson } from "@/lib/audit/canonical";
import type { Observation } from "@/lib/audit/reconcilers";
import type { AuditActor, AuditOutcome, AuditRecord } from "@/lib/audit/service";
import { UserFacingError } from "@/lib/errors";
import { UNKNOWN_OUTCOME_MESSAGE } from "@/lib/ezeep";

/** The change may have been applied and ezeep could not be read back yet: the entry stays "unknown". */
export class OutcomeUnknownError extends UserFacingError {
  constructor(
    message = `${UNKNOWN_OUTCOME_MESSAGE} ezeep could not be read either, so it is not known yet. The audit log shows it as "Unknown"; the portal checks again within a few minutes. Look at the result there before doing it again.`,
  ) {
    super(message);
    this.name = "OutcomeUnknownError";
  }
}

/** What the admin reads when ezeep's answers cannot show whether the change landed. */
export function undecidableMessage(reason: string): string {
  return `${UNKNOWN_OUTCOME_MESSAGE} ezeep cannot show whether it was applied (${reason}). The audit log keeps it as "Unknown"; check in ezeep before doing it again.`;
}

export const NOT_APPLIED_MESSAGE = `${UNKNOWN_OUTCOME_MESSAGE} It was not applied: ezeep shows the state from before, nothing changed.`;

/** The unknown entry a settling entry refers to: who did what to which target. */
export interface UnknownEntryRef {
  id: number;
  organizationId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  actor: AuditActor;
  /** ezeep's status on the lost answer (502/503/504), or null (timeout, dropped connection). */
  ezeepStatus: number | null;
  /** The unknown entry's "before", so the settling entry shows the change as observed. */
  before: unknown;
}

/** A JSON value as it will read back from the database (plain data only). */
export function asStored(value: unknown): unknown {
  const json = canonicalJson(value);
  return json === null ? null : (JSON.parse(json) as unknown);
}

function objectOrValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { observed: value };
}

export interface SettlementRecord {
  outcome: AuditOutcome;
  after: Record<string, unknown>;
  error: string | null;
  /** What reading back found out about the target (e.g. the id ezeep gave a created object). */
  target: { id?: string | null; label?: string | null };
}

/** What the settling entry records: the observation, or "still unknown" when there is none. */
export function settlementOf(
  unknownId: number,
  observation: Observation | null,
  intended: unknown,
): SettlementRecord {
  const lost = `ezeep did not answer (entry ${unknownId})`;
  if (!observation) {
    const note = `${lost}; ezeep could still not be read back after 24 h: the outcome stays unknown`;
    return { outcome: "unknown", after: { readBack: note }, error: note, target: {} };
  }
  if (observation.applied === null) {
    const note = `${lost}; read back from ezeep, which cannot show whether it was applied: ${observation.reason}`;
    const after = { ...objectOrValue(observation.observed), readBack: note, intended: intended ?? null };
    return { outcome: "unknown", after, error: note, target: {} };
  }
  if (!observation.applied) {
    const note = `${lost}; read back from ezeep: the change was not applied`;
    // What was asked for stays on record next to what ezeep showed.
    const after = { ...objectOrValue(observation.observed), readBack: note, intended: intended ?? null };
    return { outcome: "failure", after, error: note, target: {} };
  }
  const note = `${lost}; read back from ezeep: the change was applied`;
  const target = {
    ...(observation.targetId !== undefined ? { id: observation.targetId } : {}),
    ...(observation.targetLabel !== undefined ? { label: observation.targetLabel } : {}),
  };
  return {
    outcome: "success",
    after: { ...objectOrValue(observation.observed), readBack: note },
    error: null,
    target,
  };
}

/** The settling entry of `unknown`: what reading ezeep back showed, as an audit record. */
export function settlingRecord(unknown: UnknownEntryRef, observation: Observation | null, intended: unknown) {
  const settlement = settlementOf(unknown.id, observation, intended);
  const record: AuditRecord = {
    organizationId: unknown.organizationId,
    actor: unknown.actor,
    // The unknown entry's own action, recorded before: a catalogue name.
    action: unknown.action as RecordedActionName,
    target: {
      type: unknown.targetType,
      id: settlement.target.id !== undefined ? settlement.target.id : unknown.targetId,
      label: settlement.target.label !== undefined ? settlement.target.label : unknown.targetLabel,
    },
    before: unknown.before,
    after: settlement.after,
    outcome: settlement.outcome,
    // A change found not applied (or never decided) keeps the status of the answer that was lost.
    ezeepStatus: settlement.outcome === "success" ? null : unknown.ezeepStatus,
    error: settlement.error,
    reconcilesId: unknown.id,
  };
  return record;
}
