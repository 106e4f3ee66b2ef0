// How an audit entry is bound into its chain. Every chain position is one "link":
//
//   entry link       written with the entry (single-step events and two-phase entries alike):
//                    HMAC(key, canonical{ v, link: "entry", chain, seq, prevHash, fixed columns,
//                                         result: digest of the result columns })
//   completion link  written when a two-phase entry gets its outcome (or is sealed unknown):
//                    HMAC(key, canonical{ v, link: "completion", chain, seq, prevHash,
//                                         entry: the entry link's hash, result: digest })
//
// "Fixed" columns never change after the insert (the append-only triggers enforce it); "result"
// columns may change exactly once, at completion. A pending entry stores the digest of its
// result columns as written (`pendingDigest`), so its entry link stays verifiable after the
// completion changed them, and any edit of a still-pending entry shows as a digest mismatch.
//
// The key (AUDIT_CHAIN_KEY, 32+ random bytes, base64) means that rewriting an entry and
// recomputing every later link needs the key, not just database access. Links written before
// the chain was keyed (hashVersion 1 / null) were plain SHA-256 of the whole entry; they are
// verified with that scheme up to the chain's `keyedFromSeq` boundary (docs/ezeep.md is silent
// on this; see the README "Audit log" section).
import "server-only";

import { createHash, createHmac } from "node:crypto";

import { canonicalJson } from "@/lib/audit/canonical";
import { rawEnv } from "@/lib/env";

export const PORTAL_CHAIN = "portal";
export const LEGACY_HASH_VERSION = 1;
export const KEYED_HASH_VERSION = 2;
const MIN_KEY_BYTES = 32;

export function chainKey(organizationId: string | null): string {
  return organizationId ?? PORTAL_CHAIN;
}

export class AuditChainKeyError extends Error {}

let cachedKey: { raw: string; key: Buffer } | undefined;

/** The HMAC key from AUDIT_CHAIN_KEY; throws a message that says how to set it. */
export function auditChainKey(env: NodeJS.ProcessEnv = rawEnv()): Buffer {
  const raw = env.AUDIT_CHAIN_KEY?.trim() ?? "";
  if (cachedKey?.raw === raw) return cachedKey.key;
  const key = Buffer.from(raw, "base64");
  if (!raw || key.length < MIN_KEY_BYTES) {
    throw new AuditChainKeyError(
      "AUDIT_CHAIN_KEY must be set to 32 or more random bytes, base64-encoded (openssl rand -base64 32): the audit log cannot be written or verified without it.",
    );
  }
  cachedKey = { raw, key };
  return key;
}

/** The columns an entry's links cover (everything but its row id and the link columns). */
export interface HashableEntry {
  organizationId: string | null;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: string | null;
  after: string | null;
  outcome: string;
  ezeepStatus: number | null;
  error: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  completedAt: Date | null;
  /** A settling entry's "unknown" entry (lib/audit/service.ts `settleUnknown`); null otherwise. */
  reconcilesId?: number | null;
}

/** A stored row with its link columns. */
export interface LinkedEntry extends HashableEntry {
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
  hashVersion: number | null;
  pendingDigest: string | null;
  completionSeq: number | null;
  completionPrevHash: string | null;
  completionHash: string | null;
}

function fixedColumns(e: HashableEntry) {
  return {
    organizationId: e.organizationId,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    before: e.before,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    // Only present on settling entries, so the links of every other entry read as before.
    ...(e.reconcilesId != null ? { reconcilesId: e.reconcilesId } : {}),
  };
}

/** SHA-256 of the columns a completion may change, in canonical form. */
export function resultDigest(e: HashableEntry): string {
  const result = canonicalJson({
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    after: e.after,
    outcome: e.outcome,
    ezeepStatus: e.ezeepStatus,
    error: e.error,
    completedAt: e.completedAt ? e.completedAt.toISOString() : null,
  })!;
  return createHash("sha256").update(result).digest("hex");
}

interface Position {
  chain: string;
  seq: number;
  prevHash: string | null;
}

function mac(key: Buffer, content: unknown): string {
  return createHmac("sha256", key).update(canonicalJson(content)!).digest("hex");
}

/** The entry link. `digest` is the stored pending digest, or the row's current result digest. */
export function entryLinkHash(e: HashableEntry, at: Position, digest: string, key = auditChainKey()): string {
  return mac(key, {
    v: KEYED_HASH_VERSION,
    link: "entry",
    ...at,
    ...fixedColumns(e),
    result: digest,
  });
}

export function completionLinkHash(
  e: HashableEntry,
  at: Position,
  entryHash: string,
  key = auditChainKey(),
): string {
  return mac(key, {
    v: KEYED_HASH_VERSION,
    link: "completion",
    ...at,
    entry: entryHash,
    result: resultDigest(e),
  });
}

/** The unkeyed SHA-256 scheme of entries linked before the chain was keyed (hashVersion 1). */
export function legacyEntryHash(e: HashableEntry & { chainSeq: number | null; prevHash: string | null }) {
  const content = canonicalJson({
    v: LEGACY_HASH_VERSION,
    chain: chainKey(e.organizationId),
    seq: e.chainSeq,
    prevHash: e.prevHash,
    ...fixedColumns(e),
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    after: e.after,
    outcome: e.outcome,
    ezeepStatus: e.ezeepStatus,
    error: e.error,
    completedAt: e.completedAt ? e.completedAt.toISOString() : null,
  })!;
  return createHash("sha256").update(content).digest("hex");
}

/** What is wrong with a stored entry's own content, or null when its links match it. */
export function contentProblem(row: LinkedEntry, key = auditChainKey()): string | null {
  if (row.chainSeq === null || row.hash === null) return null;
  const chain = chainKey(row.organizationId);
  if ((row.hashVersion ?? LEGACY_HASH_VERSION) === LEGACY_HASH_VERSION) {
    return legacyEntryHash(row) === row.hash ? null : "its content does not match its hash";
  }
  const current = resultDigest(row);
  // Still pending (no completion link): the result columns must be exactly as written.
  if (row.pendingDigest !== null && row.completionHash === null && row.pendingDigest !== current)
    return "it was changed while pending";
  const digest = row.pendingDigest ?? current;
  if (entryLinkHash(row, { chain, seq: row.chainSeq, prevHash: row.prevHash }, digest, key) !== row.hash)
    return "its content does not match its hash";
  if (row.completionHash !== null) {
    if (row.completionSeq === null || row.pendingDigest === null) return "its completion link is incomplete";
    const at = { chain, seq: row.completionSeq, prevHash: row.completionPrevHash };
    if (completionLinkHash(row, at, row.hash, key) !== row.completionHash)
      return "its completion does not match its hash";
  }
  return null;
}
