// One audit entry as the pages show it: the stored row with its JSON columns parsed.
import type { Settlement } from "@/lib/audit/settlements";
import type { AuditEntry } from "@/lib/generated/sqlite/client";

export interface AuditEntryView {
  id: number;
  organizationId: string | null;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  ezeepStatus: number | null;
  error: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  completedAt: Date | null;
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
  /** A settling entry: the "unknown" entry it settles (lib/audit/settlements.ts). */
  reconcilesId: number | null;
  /** An "unknown" entry: the entry that settles it, null while none does (lists and detail only). */
  settledBy?: Settlement | null;
}

export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toView(r: AuditEntry): AuditEntryView {
  return {
    id: r.id,
    organizationId: r.organizationId,
    at: r.at,
    actorType: r.actorType,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetLabel,
    before: parseJson(r.before),
    after: parseJson(r.after),
    outcome: r.outcome,
    ezeepStatus: r.ezeepStatus,
    error: r.error,
    ip: r.ip,
    userAgent: r.userAgent,
    requestId: r.requestId,
    completedAt: r.completedAt,
    chainSeq: r.chainSeq,
    prevHash: r.prevHash,
    hash: r.hash,
    reconcilesId: r.reconcilesId,
  };
}
