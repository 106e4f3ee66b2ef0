// The keyed chain (issue 11, "a tamper-evident log that really is"): a rewrite with the portal's
// own public functions but without AUDIT_CHAIN_KEY is detected; pending entries and completions
// are chained; the append-only triggers refuse UPDATE/DELETE on SQLite and PostgreSQL alike.
import { randomBytes } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { legacyEntryHash } from "@/lib/audit/link";
import { recordAudit } from "@/lib/audit/service";
import { verifyChain } from "@/lib/audit/verify";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import {
  auditedChange,
  auditEvent,
  chainRows,
  freshChainOrganization,
  onPostgres,
  realChainKey as realKey,
  relinkChain,
  sqlText,
  tamper,
} from "@/tests/helpers/audit-tamper";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";

let owner: OrgContext;
let key: string;

async function freshOrganization(): Promise<void> {
  ({ owner, key } = await freshChainOrganization(owner, "keyed", "Keyed Org"));
}
const event = (action: `test.${string}`) => auditEvent(owner, action);
const change = (action: `test.${string}`) => auditedChange(owner, action);
const rowsOf = () => chainRows(owner);

describe("keyed audit chain", () => {
  beforeAll(async () => {
    owner = await contextFor(await portalOrganization(`keyed-base-${Date.now()}`), "owner");
  });

  it("detects an edited entry even when every hash was recomputed with the portal's public functions", async () => {
    await freshOrganization();
    for (let i = 0; i < 4; i++) await event(`test.keyed.${i}`);
    await change("test.keyed.change");
    const victim = (await rowsOf()).find((r) => r.action === "test.keyed.1")!;
    await tamper(`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE "id" = ${victim.id}`);

    // Without the key: links recomputed from the edit on with the attacker's own key do not match.
    await relinkChain(owner.organization.id, randomBytes(32), victim.chainSeq!);
    expect((await verifyChain(key)).firstBreak).toMatchObject({ kind: "content", entryId: victim.id });

    // Nor can the old unkeyed scheme be passed off as a legacy link after the keyed boundary.
    const rows = await rowsOf();
    const first = rows.find((r) => r.chainSeq === 1)!;
    const legacy = legacyEntryHash({ ...first, prevHash: null });
    await tamper(`UPDATE "AuditEntry" SET "hashVersion" = 1, "hash" = '${legacy}' WHERE "id" = ${first.id}`);
    expect((await verifyChain(key)).firstBreak).toMatchObject({ kind: "scheme", entryId: first.id });

    // With the key the rewrite verifies — which is what signed checkpoints are for (below).
    await tamper(`UPDATE "AuditEntry" SET "hashVersion" = 2 WHERE "id" = ${first.id}`);
    await relinkChain(owner.organization.id, realKey());
    expect(await verifyChain(key)).toMatchObject({ intact: true, firstBreak: null });
  });

  it("chains a pending entry when it is written: editing it while pending is detected", async () => {
    await freshOrganization();
    await event("test.before");
    const id = await recordAudit({
      organizationId: owner.organization.id,
      actor: owner.actor,
      action: "test.pending",
      target: { type: "test", label: "pending" },
      after: { intended: 1 },
      outcome: "pending",
    });
    const pending = await db.auditEntry.findUniqueOrThrow({ where: { id } });
    expect(pending).toMatchObject({ chainSeq: 2, hashVersion: 2, completionHash: null });
    expect(pending.hash).not.toBeNull();
    expect(await verifyChain(key)).toMatchObject({ intact: true, pending: 1, checked: 2 });

    // A fixed column (who) …
    await tamper(`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE "id" = ${id}`);
    expect((await verifyChain(key)).firstBreak).toMatchObject({ kind: "content", entryId: id });
    await tamper(`UPDATE "AuditEntry" SET "actorLabel" = ${sqlText(pending.actorLabel)} WHERE "id" = ${id}`);
    // … and a result column (the intended "after") of a still-pending entry.
    await tamper(`UPDATE "AuditEntry" SET "after" = '{"intended":2}' WHERE "id" = ${id}`);
    const report = await verifyChain(key);
    expect(report.firstBreak).toMatchObject({ kind: "content", entryId: id });
    expect(report.firstBreak!.message).toMatch(/while pending/);
    // Pretending it completed, without a completion link, is detected too.
    await tamper(
      `UPDATE "AuditEntry" SET "after" = '{"intended":1}', "outcome" = 'success' WHERE "id" = ${id}`,
    );
    expect((await verifyChain(key)).firstBreak).toMatchObject({ kind: "content", entryId: id });
  });

  it("chains the completion: a tampered outcome or a removed completion is detected", async () => {
    await freshOrganization();
    await change("test.completed");
    await event("test.after");
    const row = (await rowsOf()).find((r) => r.action === "test.completed")!;
    expect(row).toMatchObject({ outcome: "success", chainSeq: 1, completionSeq: 2 });
    expect(await verifyChain(key)).toMatchObject({ intact: true, checked: 3 });

    await tamper(`UPDATE "AuditEntry" SET "outcome" = 'failure' WHERE "id" = ${row.id}`);
    const edited = await verifyChain(key);
    expect(edited.firstBreak).toMatchObject({ kind: "content", entryId: row.id });
    expect(edited.firstBreak!.message).toMatch(/completion/);

    // Turning it back into "pending" (exactly as written) by stripping its completion leaves a
    // hole in the chain where the completion was.
    await tamper(
      `UPDATE "AuditEntry" SET "outcome" = 'pending', "after" = '{"name":"test.completed"}', "completedAt" = NULL, "completionSeq" = NULL, "completionPrevHash" = NULL, "completionHash" = NULL WHERE "id" = ${row.id}`,
    );
    expect((await verifyChain(key)).firstBreak).toMatchObject({ kind: "missing", seq: 2 });
  });
});

describe("append-only triggers (SQLite and PostgreSQL)", () => {
  beforeAll(async () => {
    owner = await contextFor(
      await portalOrganization(`triggers-${Date.now()}`),
      "owner",
      "trig@test.example",
    );
    await freshOrganization();
  });

  it("refuse UPDATE and DELETE of complete entries and of chain heads", async () => {
    const id = await event("test.complete");
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE "id" = ${id}`),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "hash" = 'x' WHERE "id" = ${id}`),
    ).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = ${id}`)).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/cannot be deleted/);
    if (onPostgres())
      await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/cannot be deleted/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditChain" WHERE "key" = '${key}'`)).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditChain" SET "seq" = 0 WHERE "key" = '${key}'`),
    ).rejects.toThrow(/only grows/);
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditChain" SET "keyedFromSeq" = 99 WHERE "key" = '${key}'`),
    ).rejects.toThrow(/only grows/);
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditChain" SET "checkpointHash" = 'x' WHERE "key" = '${key}'`),
    ).rejects.toThrow(/retention/);
    expect(await db.auditEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({
      actorLabel: owner.actor.label,
    });
    expect((await verifyChain(key)).intact).toBe(true);
  });

  it("let a pending entry be completed once, only through its chained completion", async () => {
    const id = await recordAudit({
      organizationId: owner.organization.id,
      actor: owner.actor,
      action: "test.two-phase",
      target: { type: "test" },
      outcome: "pending",
    });
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "action" = 'test.other' WHERE "id" = ${id}`),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "outcome" = 'success' WHERE "id" = ${id}`),
    ).rejects.toThrow(/chained completion/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = ${id}`)).rejects.toThrow(
      /cannot be deleted/,
    );
    const { completeEntry } = await import("@/lib/audit/service");
    await completeEntry(id, { outcome: "success" });
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "outcome" = 'failure' WHERE "id" = ${id}`),
    ).rejects.toThrow(/append-only/);
    expect(await db.auditEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({ outcome: "success" });
    expect((await verifyChain(key)).intact).toBe(true);
  });
});
