// Shared by tests/integration/reconcile-*.test.ts: simulator faults for a write whose answer is
// lost after ezeep applied it (`lose`) or before it reached ezeep (`notApplied`), and the audit
// entries a lost answer leaves (the "unknown" entry and the entry that settles it).
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { FaultRule, Simulator } from "@/lib/ezeep-simulator";

export type Host = "api" | "account";

/** ezeep applies the write, then the answer is lost (504 from the gateway). */
export function lose(
  sim: Simulator,
  host: Host,
  method: string,
  path: string,
  fault: Partial<FaultRule> = {},
) {
  sim.faults.add({ host, method, path, kind: "status", status: 504, ...fault, afterApply: true, times: 10 });
}

/** The gateway answers 502 before ezeep sees the write: nothing is applied. */
export function notApplied(sim: Simulator, host: Host, method: string, path: string) {
  sim.faults.add({ host, method, path, kind: "status", status: 502, times: 10 });
}

export const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);

export type Invoked = Awaited<ReturnType<typeof invoke>>;
export const errorOf = (r: Invoked) => (r as { ok: false; error: string }).error;

/** The last entry of `action` that settles an unknown one, that unknown entry, and the settling `after`. */
export async function settled(action: string, where: Record<string, unknown> = {}) {
  const entry = await db.auditEntry.findFirst({
    where: { action, reconcilesId: { not: null }, ...where },
    orderBy: { id: "desc" },
  });
  const unknown = entry?.reconcilesId
    ? await db.auditEntry.findUnique({ where: { id: entry.reconcilesId } })
    : null;
  const after = entry?.after ? (JSON.parse(entry.after) as Record<string, unknown>) : null;
  return { entry, unknown, after };
}
