// Reading ezeep back after a write whose answer never came ("unknown" outcome). Each feature
// registers, per audit action, how to find out from ezeep whether its change was applied; the
// same reconciler serves at once (lib/audit/service.ts `audited`) and later, for entries still
// unknown, from the invitation follow-up job (lib/audit/unknown.ts).
import "server-only";

import type { OrgContext } from "@/lib/auth/context";

/** What the audit entry holds: enough to find the resource again. */
export interface UnknownChange {
  entryId: number;
  action: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  /** The intended state, as recorded when the change was sent. */
  intended: unknown;
  at: Date;
  /** Who made the change (a reconciler that records it, e.g. an invitation, names them). */
  actor: { id: string | null; label: string };
}

/** What reading ezeep back showed. */
export type Observation =
  | {
      applied: true;
      result: unknown;
      observed: unknown;
      targetId?: string | null;
      targetLabel?: string | null;
    }
  | { applied: false; observed: unknown }
  /**
   * ezeep's answers cannot show whether the change landed (e.g. a flag ezeep never reports, a
   * resend that leaves no trace): settled at once as "unknown", with what was seen and why.
   */
  | { applied: null; observed: unknown; reason: string };

/** Clocks of ezeep and the portal differ a little: a change from just before the attempt counts. */
export const RECONCILE_CLOCK_SKEW_MS = 5 * 60_000;

export type Reconciler = (ctx: OrgContext, change: UnknownChange) => Promise<Observation>;

const reconcilers = new Map<string, Reconciler>();

/** Registers how to reconcile `actions` (module side effect of each feature's reconcile.ts). */
export function registerReconciler(actions: string | readonly string[], reconciler: Reconciler): void {
  for (const action of typeof actions === "string" ? [actions] : actions) reconcilers.set(action, reconciler);
}

export function reconcilerFor(action: string): Reconciler | undefined {
  return reconcilers.get(action);
}

/** Parses a stored JSON column into an object (null when it is not one). */
export function objectOf(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
}
