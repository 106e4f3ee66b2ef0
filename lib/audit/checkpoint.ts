// Signed checkpoints of the audit chains. The chain key stops a database-only attacker; someone
// who also holds AUDIT_CHAIN_KEY could still rewrite the log and recompute every link. A
// checkpoint — each chain's head (position, hash, entry id) at a moment, signed — kept somewhere
// the portal cannot write (a ticket, another machine, a WORM bucket) makes that visible: a log
// that is later rewritten no longer extends it.
//
// Signed with Ed25519 rather than an HMAC: verifying needs only the public key, so an auditor or
// a second machine can check checkpoints without holding a secret that could also mint them, and
// the signing key need not live on the portal servers at all (docs in README "Audit log").
import "server-only";

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";

import { canonicalJson } from "@/lib/audit/canonical";
import { readHead } from "@/lib/audit/chain";
import { chainKeys, verifyAll } from "@/lib/audit/verify";
import { db } from "@/lib/db";
import { rawEnv } from "@/lib/env";

export const CHECKPOINT_FORMAT = "ezeep-portal-audit-checkpoint/1";

export interface CheckpointHead {
  chain: string;
  /** Number of links in the chain at the checkpoint (= the head's position). */
  count: number;
  hash: string | null;
  /** Row id of the entry holding the head link. */
  entryId: number | null;
  keyedFromSeq: number;
}

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  time: string;
  chains: CheckpointHead[];
  /** Ed25519 public key (SPKI DER, base64) that made the signature: informative only. */
  publicKey: string;
  signature: string;
}

export class CheckpointError extends Error {}

function keyFromText(text: string, kind: "private" | "public"): KeyObject {
  const trimmed = text.trim();
  const pem = trimmed.startsWith("-----");
  const der = pem ? undefined : Buffer.from(trimmed, "base64");
  if (kind === "private")
    return pem ? createPrivateKey(trimmed) : createPrivateKey({ key: der!, format: "der", type: "pkcs8" });
  return pem ? createPublicKey(trimmed) : createPublicKey({ key: der!, format: "der", type: "spki" });
}

/** AUDIT_CHECKPOINT_SIGNING_KEY: an Ed25519 private key, PKCS#8 (PEM, or DER as base64). */
export function signingKey(env: NodeJS.ProcessEnv = rawEnv()): KeyObject {
  const text = env.AUDIT_CHECKPOINT_SIGNING_KEY;
  if (!text?.trim())
    throw new CheckpointError(
      "AUDIT_CHECKPOINT_SIGNING_KEY is not set (an Ed25519 private key; npm run audit:checkpoint -- --new-key makes one).",
    );
  const key = keyFromText(text, "private");
  if (key.asymmetricKeyType !== "ed25519")
    throw new CheckpointError("AUDIT_CHECKPOINT_SIGNING_KEY must be an Ed25519 key.");
  return key;
}

/** AUDIT_CHECKPOINT_PUBLIC_KEY, or the public half of AUDIT_CHECKPOINT_SIGNING_KEY. */
export function verificationKey(env: NodeJS.ProcessEnv = rawEnv()): KeyObject {
  const text = env.AUDIT_CHECKPOINT_PUBLIC_KEY;
  if (text?.trim()) return keyFromText(text, "public");
  if (env.AUDIT_CHECKPOINT_SIGNING_KEY?.trim()) return createPublicKey(signingKey(env));
  throw new CheckpointError(
    "Set AUDIT_CHECKPOINT_PUBLIC_KEY (or AUDIT_CHECKPOINT_SIGNING_KEY) to verify a checkpoint.",
  );
}

export function newSigningKeyPair(): { signingKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    signingKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

const signedBytes = (cp: Omit<Checkpoint, "signature">) =>
  Buffer.from(canonicalJson({ ...cp, signature: undefined })!, "utf8");

/** The row id of the entry holding the link at `seq` (entry link or completion link). */
async function entryAt(chain: string, seq: number): Promise<{ id: number; hash: string | null } | null> {
  const organizationId = chain === "portal" ? null : chain;
  const row = await db.auditEntry.findFirst({
    where: { organizationId, OR: [{ chainSeq: seq }, { completionSeq: seq }] },
    select: { id: true, chainSeq: true, hash: true, completionHash: true },
  });
  if (!row) return null;
  return { id: row.id, hash: row.chainSeq === seq ? row.hash : row.completionHash };
}

/** Verifies every chain, then signs their heads. Refuses to checkpoint a broken chain. */
export async function createCheckpoint(key: KeyObject, now = new Date()): Promise<Checkpoint> {
  const broken = (await verifyAll()).filter((r) => !r.intact);
  if (broken.length > 0)
    throw new CheckpointError(
      `Not checkpointing: ${broken.map((r) => `chain ${r.key}: ${r.firstBreak?.message}`).join("; ")}`,
    );
  const chains: CheckpointHead[] = [];
  for (const chain of await chainKeys()) {
    const head = await readHead(chain);
    const entry = head.seq > 0 ? await entryAt(chain, head.seq) : null;
    chains.push({
      chain,
      count: head.seq,
      hash: head.hash,
      entryId: entry?.id ?? null,
      keyedFromSeq: head.keyedFromSeq,
    });
  }
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    time: now.toISOString(),
    chains,
    publicKey: createPublicKey(key).export({ format: "der", type: "spki" }).toString("base64"),
  } as const;
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), key).toString("base64") };
}

export interface CheckpointFinding {
  chain: string;
  /** extends: the log still holds the checkpointed head; pruned: retention removed it (see message). */
  status: "extends" | "pruned" | "rewritten";
  message: string;
}

/** Parses and checks the signature; throws CheckpointError when the file is not a valid checkpoint. */
export function parseCheckpoint(text: string, key: KeyObject): Checkpoint {
  let cp: Checkpoint;
  try {
    cp = JSON.parse(text) as Checkpoint;
  } catch {
    throw new CheckpointError("The checkpoint file is not JSON.");
  }
  if (cp?.format !== CHECKPOINT_FORMAT || !Array.isArray(cp.chains) || typeof cp.signature !== "string")
    throw new CheckpointError(`The file is not an audit checkpoint (${CHECKPOINT_FORMAT}).`);
  const { signature, ...unsigned } = cp;
  if (!verify(null, signedBytes(unsigned), key, Buffer.from(signature, "base64")))
    throw new CheckpointError(
      "The checkpoint's signature does not verify: it was altered or signed by another key.",
    );
  return cp;
}

async function compareHead(cp: CheckpointHead): Promise<CheckpointFinding> {
  const head = await readHead(cp.chain);
  const rewritten = (message: string): CheckpointFinding => ({
    chain: cp.chain,
    status: "rewritten",
    message,
  });
  if (head.keyedFromSeq !== cp.keyedFromSeq)
    return rewritten(`the chain's keyed boundary moved from #${cp.keyedFromSeq} to #${head.keyedFromSeq}`);
  if (head.seq < cp.count)
    return rewritten(`the chain has ${head.seq} links, fewer than the ${cp.count} at the checkpoint`);
  if (cp.count === 0) return { chain: cp.chain, status: "extends", message: "empty at the checkpoint" };
  if (cp.count < head.checkpointSeq)
    return {
      chain: cp.chain,
      status: "pruned",
      message: `retention removed position #${cp.count} (the chain now starts after #${head.checkpointSeq}); take a newer checkpoint`,
    };
  const hash =
    cp.count === head.checkpointSeq ? head.checkpointHash : (await entryAt(cp.chain, cp.count))?.hash;
  if (hash !== cp.hash) return rewritten(`position #${cp.count} no longer holds the checkpointed link`);
  return {
    chain: cp.chain,
    status: "extends",
    message: `extends the checkpoint (#${cp.count} → #${head.seq})`,
  };
}

/** Whether the log still extends every chain head in the checkpoint. */
export async function compareWithCheckpoint(cp: Checkpoint): Promise<CheckpointFinding[]> {
  const findings: CheckpointFinding[] = [];
  for (const head of cp.chains) findings.push(await compareHead(head));
  return findings;
}
