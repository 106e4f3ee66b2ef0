// Verifying the hash chains: every chained entry's content must hash to its stored hash, link to
// the previous entry's hash, and the positions must run without gaps from the retention
// checkpoint up to the chain head. The first break is reported.
import { chainKey, chainOrganizationId, entryHash, PORTAL_CHAIN, readHead } from "@/lib/audit/chain";
import { db } from "@/lib/db";

export type BreakKind = "content" | "link" | "missing" | "unchained" | "head";

export interface ChainBreak {
  kind: BreakKind;
  /** The entry where the break shows (null when the break is at the end of the chain). */
  entryId: number | null;
  seq: number | null;
  message: string;
}

export interface ChainReport {
  key: string;
  organizationId: string | null;
  intact: boolean;
  /** Entries checked (the chain after its retention checkpoint). */
  checked: number;
  checkpointSeq: number;
  headSeq: number;
  /** Entries still waiting for their outcome (not chained yet). */
  pending: number;
  /** Complete entries recorded before the chain existed (an upgraded database): not verifiable. */
  legacy: number;
  firstBreak: ChainBreak | null;
  verifiedAt: Date;
}

const BATCH = 2_000;

export async function verifyChain(key: string): Promise<ChainReport> {
  const organizationId = chainOrganizationId(key);
  const head = await readHead(key);
  const report: ChainReport = {
    key,
    organizationId,
    intact: true,
    checked: 0,
    checkpointSeq: head.checkpointSeq,
    headSeq: head.seq,
    pending: await db.auditEntry.count({
      where: { organizationId, chainSeq: null, outcome: { in: ["pending", "unknown"] } },
    }),
    legacy: 0,
    firstBreak: null,
    verifiedAt: new Date(),
  };
  const broken = (b: ChainBreak) => {
    report.intact = false;
    report.firstBreak = b;
    return report;
  };

  // A complete entry outside the chain was written around the portal — unless it is older than
  // the chain itself (recorded before tamper evidence existed: "legacy").
  const firstChained = await db.auditEntry.findFirst({
    where: { organizationId, chainSeq: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  // Open entries ("pending", "unknown": awaiting their outcome) join the chain when completed.
  const unchained = { organizationId, chainSeq: null, outcome: { notIn: ["pending", "unknown"] } };
  const stray = firstChained
    ? await db.auditEntry.findFirst({
        where: { ...unchained, id: { gt: firstChained.id } },
        orderBy: { id: "asc" },
        select: { id: true },
      })
    : null;
  report.legacy = await db.auditEntry.count({
    where: firstChained ? { ...unchained, id: { lt: firstChained.id } } : unchained,
  });

  let expectedSeq = head.checkpointSeq + 1;
  let prevHash = head.checkpointHash;
  let after = head.checkpointSeq;
  for (;;) {
    const rows = await db.auditEntry.findMany({
      where: { organizationId, chainSeq: { gt: after, lte: head.seq } },
      orderBy: [{ chainSeq: "asc" }, { id: "asc" }],
      take: BATCH,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = row.chainSeq!;
      if (seq !== expectedSeq) {
        return broken(
          seq > expectedSeq
            ? {
                kind: "missing",
                entryId: row.id,
                seq,
                message: `Entry #${expectedSeq} of the chain is missing (deleted) before entry ${row.id}.`,
              }
            : {
                kind: "link",
                entryId: row.id,
                seq,
                message: `Entry ${row.id} claims chain position ${seq}, which is already taken.`,
              },
        );
      }
      if (row.prevHash !== prevHash) {
        return broken({
          kind: "link",
          entryId: row.id,
          seq,
          message: `Entry ${row.id} does not link to the entry before it (its previous hash does not match).`,
        });
      }
      if (row.hash !== entryHash(row)) {
        return broken({
          kind: "content",
          entryId: row.id,
          seq,
          message: `Entry ${row.id} was changed after it was written (its content does not match its hash).`,
        });
      }
      prevHash = row.hash;
      expectedSeq++;
      report.checked++;
    }
    after = rows[rows.length - 1].chainSeq!;
  }
  if (expectedSeq - 1 !== head.seq || prevHash !== head.hash) {
    return broken({
      kind: "head",
      entryId: null,
      seq: expectedSeq,
      message: `The chain ends at position ${expectedSeq - 1}, but its head records ${head.seq}: the newest entries were removed or altered.`,
    });
  }
  if (stray) {
    return broken({
      kind: "unchained",
      entryId: stray.id,
      seq: null,
      message: `Entry ${stray.id} is complete but not part of the chain: it was written around the portal.`,
    });
  }
  return report;
}

/** The chain keys that exist: every organization with entries or a head, and the portal's. */
export async function chainKeys(): Promise<string[]> {
  const [heads, orgs] = await Promise.all([
    db.auditChain.findMany({ select: { key: true } }),
    db.auditEntry.findMany({ distinct: ["organizationId"], select: { organizationId: true } }),
  ]);
  const keys = new Set<string>(heads.map((h) => h.key));
  for (const o of orgs) keys.add(chainKey(o.organizationId));
  return [...keys].sort((a, b) => (a === PORTAL_CHAIN ? -1 : b === PORTAL_CHAIN ? 1 : a.localeCompare(b)));
}

export async function verifyAll(): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const key of await chainKeys()) reports.push(await verifyChain(key));
  return reports;
}
