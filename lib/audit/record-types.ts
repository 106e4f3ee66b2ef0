// The shapes an audit write takes (lib/audit/service.ts writes them).
import type { RecordedActionName } from "@/lib/audit/actions-catalog";
import type { Actor } from "@/lib/auth/context";

/** "unknown": ezeep did not answer a write (it may have applied it); settled by a later entry. */
export type AuditOutcome = "pending" | "unknown" | "success" | "failure";

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
  /** From the catalogue (lib/audit/actions-catalog.ts): one name per kind of change. */
  action: RecordedActionName;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
  ezeepStatus?: number | null;
  error?: string | null;
  /** A settling entry: the id of the "unknown" entry whose outcome it records. */
  reconcilesId?: number | null;
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

export interface AuditedChange<T> {
  action: RecordedActionName;
  target: AuditTarget;
  before?: unknown;
  /** What the change intends; replaced by the ezeep result's `after` on success. */
  intended?: unknown;
  run: () => Promise<{ result: T; after?: unknown; target?: AuditTarget }>;
}
