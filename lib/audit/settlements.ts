// "Unknown" entries (ezeep did not answer a write) and the entries that settle them: the entry
// appended once ezeep was read back, with `reconcilesId` pointing at the unknown one
// (lib/audit/service.ts `settleUnknown`). One query per page, keyed by the ids on the page.
import "server-only";

import { db } from "@/lib/db";

/** The entry that recorded what reading ezeep back showed for an unknown entry. */
export interface Settlement {
  id: number;
  /** success = the change was applied; failure = it was not; unknown = still undecidable, given up. */
  outcome: string;
}

/** Attaches `settledBy` to every "unknown" entry among `entries` (null when none settles it yet). */
export async function withSettlements<T extends { id: number; outcome: string }>(
  entries: T[],
): Promise<(T & { settledBy?: Settlement | null })[]> {
  const unknownIds = entries.filter((e) => e.outcome === "unknown").map((e) => e.id);
  if (unknownIds.length === 0) return entries;
  const settling = await db.auditEntry.findMany({
    where: { reconcilesId: { in: unknownIds } },
    select: { id: true, reconcilesId: true, outcome: true },
  });
  const byUnknown = new Map(settling.map((s) => [s.reconcilesId, { id: s.id, outcome: s.outcome }]));
  return entries.map((e) => (e.outcome === "unknown" ? { ...e, settledBy: byUnknown.get(e.id) ?? null } : e));
}
