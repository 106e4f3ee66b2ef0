// Changes audit rows behind the portal's back, as someone with full database access would: the
// append-only triggers are switched off around the statements (PostgreSQL: DISABLE TRIGGER USER;
// SQLite, which cannot disable a trigger: dropped and re-created from their stored SQL).
import { randomBytes } from "node:crypto";

import { chainKey } from "@/lib/audit/chain";
import { completionLinkHash, entryLinkHash, resultDigest, type LinkedEntry } from "@/lib/audit/link";
import { audited, recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { db, isPostgresUrl } from "@/lib/db";

const TABLES = ["AuditEntry", "AuditChain"];

export const onPostgres = () => isPostgresUrl(process.env.DATABASE_URL ?? "");

export async function tamper(...statements: string[]): Promise<void> {
  if (onPostgres()) {
    for (const t of TABLES) await db.$executeRawUnsafe(`ALTER TABLE "${t}" DISABLE TRIGGER USER`);
    try {
      for (const sql of statements) await db.$executeRawUnsafe(sql);
    } finally {
      for (const t of TABLES) await db.$executeRawUnsafe(`ALTER TABLE "${t}" ENABLE TRIGGER USER`);
    }
    return;
  }
  const triggers = await db.$queryRawUnsafe<{ name: string; sql: string }[]>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('AuditEntry', 'AuditChain')`,
  );
  for (const t of triggers) await db.$executeRawUnsafe(`DROP TRIGGER "${t.name}"`);
  try {
    for (const sql of statements) await db.$executeRawUnsafe(sql);
  } finally {
    for (const t of triggers) await db.$executeRawUnsafe(t.sql);
  }
}

/** SQL text literal (for tests that write hand-made values). */
export const sqlText = (value: string | null) =>
  value === null ? "NULL" : `'${value.replaceAll("'", "''")}'`;

/** The chain key the portal under test uses. */
export const realChainKey = () => Buffer.from(process.env.AUDIT_CHAIN_KEY!, "base64");

/**
 * Recomputes every link of the chain, as an attacker with database access would after editing
 * an entry — with the given key (a guess, or the real one) — and moves the head to match.
 */
export async function relinkChain(organizationId: string | null, macKey: Buffer, fromSeq = 1): Promise<void> {
  const key = chainKey(organizationId);
  const rows = (await db.auditEntry.findMany({ where: { organizationId } })) as (LinkedEntry & {
    id: number;
  })[];
  type L = { seq: number; row: LinkedEntry & { id: number }; kind: "entry" | "completion" };
  const links: L[] = rows.flatMap((row) => [
    { seq: row.chainSeq!, row, kind: "entry" as const },
    ...(row.completionSeq ? [{ seq: row.completionSeq, row, kind: "completion" as const }] : []),
  ]);
  links.sort((a, b) => a.seq - b.seq);
  const before = links.find((l) => l.seq === fromSeq - 1);
  let prev: string | null = null;
  if (before) prev = before.kind === "entry" ? before.row.hash : before.row.completionHash;
  const sql: string[] = [];
  for (const { seq, row, kind } of links.filter((l) => l.seq >= fromSeq)) {
    const at = { chain: key, seq, prevHash: prev };
    if (kind === "entry") {
      row.hash = entryLinkHash(row, at, row.pendingDigest ?? resultDigest(row), macKey);
      sql.push(
        `UPDATE "AuditEntry" SET "prevHash" = ${sqlText(prev)}, "hash" = '${row.hash}' WHERE "id" = ${row.id}`,
      );
      prev = row.hash;
    } else {
      const hash = completionLinkHash(row, at, row.hash!, macKey);
      sql.push(
        `UPDATE "AuditEntry" SET "completionPrevHash" = ${sqlText(prev)}, "completionHash" = '${hash}' WHERE "id" = ${row.id}`,
      );
      prev = hash;
    }
  }
  sql.push(`UPDATE "AuditChain" SET "hash" = ${sqlText(prev)} WHERE "key" = '${key}'`);
  await tamper(...sql);
}

// ---------------------------------------------------------------------------------------------
// A chain to tamper with: a fresh organization per test, so each test starts with its own
// intact chain, and entries written through the portal's own functions.

/** A new organization with `owner`'s identity as its owner, and its chain key. */
export async function freshChainOrganization(
  owner: OrgContext,
  ezeepIdPrefix: string,
  name: string,
): Promise<{ owner: OrgContext; key: string }> {
  const org = await db.organization.create({
    data: { ezeepId: `${ezeepIdPrefix}-${randomBytes(4).toString("hex")}`, name },
  });
  return {
    owner: { ...owner, organization: { ...owner.organization, id: org.id, name: org.name } },
    key: chainKey(org.id),
  };
}

/** A one-step entry (recordAudit) in the owner's organization. */
export const auditEvent = (owner: OrgContext, action: `test.${string}`) =>
  recordAudit({
    organizationId: owner.organization.id,
    actor: owner.actor,
    action,
    target: { type: "test", label: action },
    outcome: "success",
  });

/** A change through audited(): a pending entry, then its completion. */
export const auditedChange = (owner: OrgContext, action: `test.${string}`) =>
  audited(owner, {
    action,
    target: { type: "test", label: action },
    intended: { name: action },
    run: async () => ({ result: action, after: { name: action, done: true } }),
  });

/** Every entry of the owner's organization. */
export const chainRows = (owner: OrgContext) =>
  db.auditEntry.findMany({ where: { organizationId: owner.organization.id } });
