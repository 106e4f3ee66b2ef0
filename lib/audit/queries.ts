// Reading the audit log of one organization, newest first, with keyset pagination on id.
import { z } from "zod";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/auth/context";

export const auditQuerySchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  outcome: z.enum(["pending", "success", "failure"]).optional().catch(undefined),
  targetType: z.string().trim().max(50).optional().catch(undefined),
  targetId: z.string().trim().max(100).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export interface AuditEntryView {
  id: number;
  at: Date;
  actorType: string;
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
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function listAuditEntries(ctx: OrgContext, query: AuditQuery) {
  const rows = await db.auditEntry.findMany({
    where: {
      organizationId: ctx.organization.id,
      ...(query.action ? { action: query.action } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(query.targetId ? { targetId: query.targetId } : {}),
      ...(query.before ? { id: { lt: query.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const entries: AuditEntryView[] = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    at: r.at,
    actorType: r.actorType,
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
  }));
  const nextBefore = rows.length > query.limit ? entries[entries.length - 1].id : null;
  return { entries, nextBefore };
}

export async function distinctAuditActions(ctx: OrgContext): Promise<string[]> {
  const rows = await db.auditEntry.findMany({
    where: { organizationId: ctx.organization.id },
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}
