// Verifying the keyed hash chains: every chain position from the retention checkpoint to the
// head must hold exactly one link — an entry as written, or a two-phase entry's completion —
// whose HMAC (lib/audit/link.ts) matches the entry's content and links to the position before.
// Positions are read in windows (two indexed range queries each), so memory stays flat.
// The first break is reported.
import "server-only";

import { chainKey, chainOrganizationId, PORTAL_CHAIN, readHead, type ChainHead } from "@/lib/audit/chain";
import { auditChainKey, contentProblem, KEYED_HASH_VERSION, LEGACY_HASH_VERSION } from "@/lib/audit/link";
import { db } from "@/lib/db";
import type { AuditEntry } from "@/lib/generated/sqlite/client";

export type BreakKind = "content" | "link" | "missing" | "unchained" | "head" | "scheme";

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
  /** First position linked with AUDIT_CHAIN_KEY; earlier ones are legacy SHA-256 links. */
  keyedFromSeq: number;
  /** Entries still waiting for their outcome (not chained yet). */
  pending: number;
  /** Complete entries recorded before the chain existed (an upgraded database): not verifiable. */
  legacy: number;
  firstBreak: ChainBreak | null;
  verifiedAt: Date;
}

const BATCH = 2_000;

type Link = { kind: "entry" | "completion"; row: AuditEntry };

/** The links at positions (from, to] of a chain, by position; a collision is reported as such. */
async function linkWindow(organizationId: string | null, from: number, to: number) {
  const [entries, completions] = await Promise.all([
    db.auditEntry.findMany({ where: { organizationId, chainSeq: { gt: from, lte: to } } }),
    db.auditEntry.findMany({ where: { organizationId, completionSeq: { gt: from, lte: to } } }),
  ]);
  const slots: (Link | undefined)[] = new Array(to - from);
  const collisions: Link[] = [];
  const place = (seq: number, link: Link) => {
    if (slots[seq - from - 1]) collisions.push(link);
    else slots[seq - from - 1] = link;
  };
  for (const row of entries) place(row.chainSeq!, { kind: "entry", row });
  for (const row of completions) place(row.completionSeq!, { kind: "completion", row });
  return { slots, collision: collisions[0] ?? null };
}

function linkFields(link: Link) {
  return link.kind === "entry"
    ? { prevHash: link.row.prevHash, hash: link.row.hash }
    : { prevHash: link.row.completionPrevHash, hash: link.row.completionHash };
}

/** The break at one position, or null when its link is sound. */
function checkLink(
  link: Link,
  seq: number,
  prevHash: string | null,
  head: ChainHead,
  key: Buffer,
): ChainBreak | null {
  const { row } = link;
  const at = { entryId: row.id, seq };
  const fields = linkFields(link);
  if (fields.prevHash !== prevHash)
    return {
      kind: "link",
      ...at,
      message: `Entry ${row.id} does not link to the entry before it (its previous hash does not match).`,
    };
  if (link.kind === "completion") return null; // its HMAC is checked with the entry's content
  const keyed = (row.hashVersion ?? LEGACY_HASH_VERSION) === KEYED_HASH_VERSION;
  if (keyed !== seq >= head.keyedFromSeq)
    return {
      kind: "scheme",
      ...at,
      message: `Entry ${row.id} uses the ${keyed ? "keyed" : "unkeyed legacy"} scheme at position ${seq}, but the chain is keyed from position ${head.keyedFromSeq}.`,
    };
  const problem = contentProblem(row, key);
  if (problem)
    return {
      kind: "content",
      ...at,
      message: `Entry ${row.id} was changed after it was written (${problem}).`,
    };
  return null;
}

/** Complete entries outside the chain, and anything unlinked written after the chain was keyed. */
async function strayEntry(organizationId: string | null) {
  const [firstChained, firstKeyed] = await Promise.all(
    [{ chainSeq: { not: null } }, { hashVersion: KEYED_HASH_VERSION }].map((where) =>
      db.auditEntry.findFirst({
        where: { organizationId, ...where },
        orderBy: { id: "asc" },
        select: { id: true },
      }),
    ),
  );
  const unchained = { organizationId, chainSeq: null, outcome: { not: "pending" } };
  const legacy = await db.auditEntry.count({
    where: firstChained ? { ...unchained, id: { lt: firstChained.id } } : unchained,
  });
  const candidates = [
    firstChained ? { ...unchained, id: { gt: firstChained.id } } : null,
    firstKeyed ? { organizationId, chainSeq: null, id: { gt: firstKeyed.id } } : null,
  ].filter((w) => w !== null);
  for (const where of candidates) {
    const stray = await db.auditEntry.findFirst({ where, orderBy: { id: "asc" }, select: { id: true } });
    if (stray) return { legacy, stray };
  }
  return { legacy, stray: null };
}

export async function verifyChain(key: string): Promise<ChainReport> {
  const macKey = auditChainKey();
  const organizationId = chainOrganizationId(key);
  const head = await readHead(key);
  const { legacy, stray } = await strayEntry(organizationId);
  const report: ChainReport = {
    key,
    organizationId,
    intact: true,
    checked: 0,
    checkpointSeq: head.checkpointSeq,
    headSeq: head.seq,
    keyedFromSeq: head.keyedFromSeq,
    pending: await db.auditEntry.count({
      where: {
        organizationId,
        outcome: "pending",
        completionHash: null,
        OR: [{ chainSeq: null }, { hashVersion: KEYED_HASH_VERSION }],
      },
    }),
    legacy,
    firstBreak: null,
    verifiedAt: new Date(),
  };
  const walked = await walkLinks(organizationId, head, macKey, report);
  const problem =
    walked.problem ?? (await headProblem(organizationId, head, walked.prevHash)) ?? strayProblem(stray);
  if (problem) {
    report.intact = false;
    report.firstBreak = problem;
  }
  return report;
}

/** Checks every link from the checkpoint to the head, in windows; counts them in the report. */
async function walkLinks(
  organizationId: string | null,
  head: ChainHead,
  macKey: Buffer,
  report: ChainReport,
): Promise<{ problem: ChainBreak | null; prevHash: string | null }> {
  let prevHash = head.checkpointHash;
  for (let from = head.checkpointSeq; from < head.seq; from += BATCH) {
    const to = Math.min(from + BATCH, head.seq);
    const { slots, collision } = await linkWindow(organizationId, from, to);
    for (let i = 0; i < slots.length; i++) {
      const seq = from + i + 1;
      const link = slots[i];
      if (!link) {
        const next = slots.slice(i).find(Boolean);
        const before = next ? ` before entry ${next.row.id}` : "";
        const message = `Entry #${seq} of the chain is missing (deleted)${before}.`;
        return { problem: { kind: "missing", entryId: next?.row.id ?? null, seq, message }, prevHash };
      }
      const problem = checkLink(link, seq, prevHash, head, macKey);
      if (problem) return { problem, prevHash };
      prevHash = linkFields(link).hash;
      report.checked++;
    }
    if (collision) {
      const message = `Entry ${collision.row.id} claims a chain position that is already taken.`;
      return { problem: { kind: "link", entryId: collision.row.id, seq: null, message }, prevHash };
    }
  }
  return { problem: null, prevHash };
}

/** The last link must be the recorded head, and no entry may claim a position past it. */
async function headProblem(
  organizationId: string | null,
  head: ChainHead,
  prevHash: string | null,
): Promise<ChainBreak | null> {
  const beyond = await db.auditEntry.findFirst({
    where: { organizationId, OR: [{ chainSeq: { gt: head.seq } }, { completionSeq: { gt: head.seq } }] },
    select: { id: true },
  });
  if (prevHash === head.hash && !beyond) return null;
  return {
    kind: "head",
    entryId: beyond?.id ?? null,
    seq: head.seq,
    message: `The chain does not end at its recorded head (position ${head.seq}): the newest entries were removed or altered.`,
  };
}

function strayProblem(stray: { id: number } | null): ChainBreak | null {
  if (!stray) return null;
  return {
    kind: "unchained",
    entryId: stray.id,
    seq: null,
    message: `Entry ${stray.id} is not part of the chain: it was written around the portal.`,
  };
}

/** The chain keys that exist: every organization with entries or a head, and the portal's. */
export async function chainKeys(): Promise<string[]> {
  const [heads, orgs] = await Promise.all([
    db.auditChain.findMany({ select: { key: true } }),
    db.auditEntry.findMany({ distinct: ["organizationId"], select: { organizationId: true } }),
  ]);
  const keys = new Set<string>(heads.map((h) => h.key));
  for (const o of orgs) keys.add(chainKey(o.organizationId));
  // The portal-wide chain first, then organizations by id.
  const others = [...keys].filter((k) => k !== PORTAL_CHAIN).sort((a, b) => a.localeCompare(b));
  return keys.has(PORTAL_CHAIN) ? [PORTAL_CHAIN, ...others] : others;
}

export async function verifyAll(): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const key of await chainKeys()) reports.push(await verifyChain(key));
  return reports;
}
