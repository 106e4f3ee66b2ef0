// Failures of callers without an identity (bad API token on the NDD route, …): recorded through
// the per-source, per-minute aggregation of lib/audit/refusals.ts so nobody can grow the log at will.
import type { AuditActionName } from "@/lib/audit/actions-catalog";

import "server-only";

import { recordUnauthenticatedFailure, type FailureKind } from "@/lib/audit/refusals";
import type { AuditTarget } from "@/lib/audit/service";
import { requestMeta } from "@/lib/auth/request";

export interface UnauthenticatedFailure {
  kind: FailureKind;
  action: AuditActionName;
  target: AuditTarget;
  error: string;
}

/** Records a refused unauthenticated call (its own entry if first from its source this minute). */
export async function recordUnauthenticatedCall(
  headers: Headers,
  failure: UnauthenticatedFailure,
): Promise<void> {
  const meta = requestMeta(headers);
  await recordUnauthenticatedFailure(failure.kind, meta.ip, {
    organizationId: null,
    actor: {
      type: failure.kind === "api_token" ? "api_token" : "admin",
      id: null,
      label: failure.kind === "api_token" ? "(invalid API token)" : "(unauthenticated)",
      ...meta,
    },
    action: failure.action,
    target: failure.target,
    outcome: "failure",
    error: failure.error,
  });
}
