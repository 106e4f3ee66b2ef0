// Tamper evidence: one unbroken hash chain per organization under concurrency, detection of
// edited / deleted / forged rows, the append-only trigger (PostgreSQL), retention with a
// checkpoint, and "no change without its entry" when the completion cannot be written.
import { beforeAll, describe, expect, it } from "vitest";

import { chainKey, PORTAL_CHAIN } from "@/lib/audit/chain";
import { pruneChain, sealStalePending } from "@/lib/audit/retention";
import { audited, recordAudit } from "@/lib/audit/service";
import { verifyAll, verifyChain } from "@/lib/audit/verify";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { tamper } from "@/tests/helpers/audit-tamper";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);

describe("audit hash chain", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let key: string;

  beforeAll(async () => {
    admin = await contextFor(await portalOrganization(sim().organizationId), "admin");
    key = chainKey(admin.organization.id);
  });

  it("keeps one unbroken chain through 50 concurrent audited changes (and concurrent portal-wide events)", async () => {
    const results = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) =>
        invoke("group.create", admin, { name: `Chain ${i}`, description: "" }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        recordAudit({
          organizationId: null,
          actor: { type: "admin", id: null, label: `x${i}@test` },
          action: "admin.sign_in",
          target: { type: "admin" },
          outcome: "failure",
          error: "wrong email or password",
        }),
      ),
    ]);
    expect(results.slice(0, 50).every((r) => (r as { ok: boolean }).ok)).toBe(true);
    const chained = await db.auditEntry.findMany({
      where: { organizationId: admin.organization.id },
      orderBy: { chainSeq: "asc" },
    });
    expect(chained.length).toBeGreaterThanOrEqual(50);
    // Each change is linked twice — as written (pending) and at its completion — and the
    // positions of all links run 1…n without a gap or a duplicate.
    const links = chained
      .flatMap((e) => [
        { seq: e.chainSeq!, prev: e.prevHash, hash: e.hash },
        ...(e.completionSeq
          ? [{ seq: e.completionSeq, prev: e.completionPrevHash, hash: e.completionHash }]
          : []),
      ])
      .sort((a, b) => a.seq - b.seq);
    expect(links.map((l) => l.seq)).toEqual(links.map((_, i) => i + 1));
    for (let i = 1; i < links.length; i++) expect(links[i].prev).toBe(links[i - 1].hash);
    expect(chained.filter((e) => e.completionSeq !== null).length).toBeGreaterThanOrEqual(50);
    expect(await db.auditEntry.count({ where: { outcome: "pending" } })).toBe(0);
    const report = await verifyChain(key);
    expect(report).toMatchObject({ intact: true, checked: links.length, firstBreak: null });
    const portal = await verifyChain(PORTAL_CHAIN);
    expect(portal.intact).toBe(true);
    expect(portal.checked).toBeGreaterThanOrEqual(10);
  });

  it.runIf(process.env.TEST_DATABASE === "postgres")(
    "rejects UPDATE, DELETE and TRUNCATE of entries in the database (PostgreSQL trigger)",
    async () => {
      const entry = await db.auditEntry.findFirstOrThrow({
        where: { organizationId: admin.organization.id, outcome: "success" },
      });
      await expect(
        db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE "id" = ${entry.id}`),
      ).rejects.toThrow(/append-only/);
      await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = ${entry.id}`)).rejects.toThrow(
        /cannot be deleted/,
      );
      await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/cannot be deleted/);
      await expect(
        db.$executeRawUnsafe(`UPDATE "AuditChain" SET "checkpointSeq" = 99 WHERE "key" = '${key}'`),
      ).rejects.toThrow(/retention/);
      // A pending entry may be completed once, with its identity unchanged…
      const id = await recordAudit({
        organizationId: admin.organization.id,
        actor: admin.actor,
        action: "test.pending",
        target: { type: "test" },
        outcome: "pending",
      });
      await expect(
        db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "action" = 'test.other' WHERE "id" = ${id}`),
      ).rejects.toThrow(/only the outcome/);
      await sealStalePending({ olderThanMs: 0 });
      // …and never again.
      await expect(
        db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "outcome" = 'success' WHERE "id" = ${id}`),
      ).rejects.toThrow(/append-only/);
      expect(await db.auditEntry.findUnique({ where: { id } })).toMatchObject({
        outcome: "pending",
        action: "test.pending",
      });
      expect((await verifyChain(key)).intact).toBe(true);
    },
  );

  it("detects an entry edited directly in the database, and names it", async () => {
    const victim = await db.auditEntry.findFirstOrThrow({
      where: { organizationId: admin.organization.id, action: "group.create" },
      orderBy: { chainSeq: "asc" },
      skip: 10,
    });
    await tamper(`UPDATE "AuditEntry" SET "targetLabel" = 'Innocent' WHERE "id" = ${victim.id}`);
    const report = await verifyChain(key);
    expect(report.intact).toBe(false);
    expect(report.firstBreak).toMatchObject({ kind: "content", entryId: victim.id });
    await tamper(`UPDATE "AuditEntry" SET "targetLabel" = '${victim.targetLabel}' WHERE "id" = ${victim.id}`);
    expect((await verifyChain(key)).intact).toBe(true);
  });

  it("detects a relinked entry, a deleted entry, a forged unchained entry and a removed tail", async () => {
    const rows = await db.auditEntry.findMany({
      where: { organizationId: admin.organization.id },
      orderBy: { chainSeq: "asc" },
    });
    // recomputed hash but wrong link
    await tamper(`UPDATE "AuditEntry" SET "prevHash" = 'f00' WHERE "id" = ${rows[5].id}`);
    expect((await verifyChain(key)).firstBreak).toMatchObject({ kind: "link", entryId: rows[5].id });
    await tamper(`UPDATE "AuditEntry" SET "prevHash" = '${rows[5].prevHash}' WHERE "id" = ${rows[5].id}`);

    await tamper(`DELETE FROM "AuditEntry" WHERE "id" = ${rows[20].id}`);
    expect((await verifyChain(key)).firstBreak).toMatchObject({ kind: "missing", entryId: rows[21].id });

    const last = rows[rows.length - 1];
    await tamper(`DELETE FROM "AuditEntry" WHERE "id" = ${last.id}`);
    const fresh = await verifyAll();
    expect(fresh.find((r) => r.key === key)!.intact).toBe(false);
    expect(fresh.find((r) => r.key === PORTAL_CHAIN)!.intact).toBe(true);
  });
});

describe("audit chain: forged entries, retention, lost completions", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let key: string;

  beforeAll(async () => {
    // A second organization row, so this block has its own, intact chain.
    admin = await contextFor(
      await portalOrganization(`${sim().organizationId}`, "Acme Corp"),
      "owner",
      "owner2@test.example",
    );
    admin = {
      ...admin,
      organization: {
        ...admin.organization,
        id: (await db.organization.create({ data: { ezeepId: `other-${Date.now()}`, name: "Other Org" } }))
          .id,
      },
    };
    key = chainKey(admin.organization.id);
  });

  const event = (action: `test.${string}`) =>
    recordAudit({
      organizationId: admin.organization.id,
      actor: admin.actor,
      action,
      target: { type: "test", label: action },
      outcome: "success",
    });

  it("flags a complete entry written around the portal (not in the chain)", async () => {
    await event("test.one");
    await db.auditEntry.create({
      data: {
        organizationId: admin.organization.id,
        actorType: "admin",
        actorLabel: "mallory",
        action: "test.forged",
        targetType: "test",
        outcome: "success",
        completedAt: new Date(),
      },
    });
    const report = await verifyChain(key);
    expect(report.firstBreak).toMatchObject({ kind: "unchained" });
    await tamper(`DELETE FROM "AuditEntry" WHERE "action" = 'test.forged'`);
    expect((await verifyChain(key)).intact).toBe(true);
  });

  it("prunes entries older than the retention period, keeps a checkpoint so the rest still verifies, and records the prune", async () => {
    for (let i = 0; i < 5; i++) await event(`test.old.${i}`);
    await new Promise((r) => setTimeout(r, 30));
    const cutoff = new Date();
    await new Promise((r) => setTimeout(r, 30));
    for (let i = 0; i < 3; i++) await event(`test.new.${i}`);
    const result = await pruneChain(key, cutoff);
    expect(result.deleted).toBe(6); // test.one + 5 old
    expect(
      await db.auditEntry.count({
        where: { organizationId: admin.organization.id, action: { startsWith: "test.old" } },
      }),
    ).toBe(0);
    expect(
      await db.auditEntry.count({
        where: { organizationId: admin.organization.id, action: { startsWith: "test.new" } },
      }),
    ).toBe(3);
    const prune = await db.auditEntry.findFirstOrThrow({
      where: { organizationId: admin.organization.id, action: "audit.prune" },
    });
    expect(prune).toMatchObject({ actorType: "system", outcome: "success" });
    expect(JSON.parse(prune.after!)).toMatchObject({ deleted: 6, checkpointSeq: result.checkpointSeq });
    await event("test.after-prune");
    const report = await verifyChain(key);
    expect(report).toMatchObject({ intact: true, checkpointSeq: result.checkpointSeq, checked: 5 });
    // Nothing older left: a second prune with the same cutoff removes nothing.
    expect((await pruneChain(key, cutoff)).deleted).toBe(0);
  });

  it("reports a change as failed when its entry cannot be completed; the entry stays 'outcome unknown' and is sealed later", async () => {
    let changed = false;
    await expect(
      audited(admin, {
        action: "test.lost-completion",
        target: { type: "test", label: "lost" },
        run: async () => {
          changed = true; // the change itself happened (as ezeep's would) …
          await db.$executeRawUnsafe(`ALTER TABLE "AuditChain" RENAME TO "AuditChainGone"`); // … then the log became unwritable
          return { result: 1 };
        },
      }),
    ).rejects.toThrow();
    await db.$executeRawUnsafe(`ALTER TABLE "AuditChainGone" RENAME TO "AuditChain"`);
    expect(changed).toBe(true);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: "test.lost-completion" } });
    // Chained as pending when written; only the completion is missing.
    expect(entry).toMatchObject({ outcome: "pending", completionHash: null });
    expect(entry.hash).not.toBeNull();
    expect((await verifyChain(key)).pending).toBe(1);
    expect(await sealStalePending({ olderThanMs: 0 })).toBeGreaterThanOrEqual(1);
    const sealed = await db.auditEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(sealed.outcome).toBe("pending");
    expect(sealed.completionHash).not.toBeNull();
    expect((await verifyChain(key)).intact).toBe(true);
  });
});
