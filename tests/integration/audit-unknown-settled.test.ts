// Unknown outcomes in the append-only, keyed chain: a write whose answer ezeep never sent gets its
// one chained completion "unknown"; what reading ezeep back showed is a NEW chained entry whose
// reconcilesId points at the unknown one. Nothing is rewritten, tampering with either entry is
// detected, the triggers keep reconcilesId fixed, and an entry that stays undecidable is settled
// "unknown" after 24 h so it is not retried forever.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { chainKey } from "@/lib/audit/chain";
import { listAuditEntriesIn, parseAuditQuery } from "@/lib/audit/queries";
import { audited, recordAudit } from "@/lib/audit/service";
import { reconcileUnknownEntries, SEAL_UNKNOWN_AFTER_MS } from "@/lib/audit/unknown";
import { verifyChain } from "@/lib/audit/verify";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { FaultRule } from "@/lib/ezeep-simulator";
import { ezeepFor } from "@/lib/organizations/service";
import { tamper } from "@/tests/helpers/audit-tamper";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";

const PGROUPS = "/printing/v1/groups/";
const sim = useSimulator();
let admin: OrgContext;
const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

const loseGroupCreate = (fault: Partial<FaultRule> = {}) =>
  sim().faults.add({
    host: "api",
    method: "POST",
    path: PGROUPS,
    kind: "status",
    status: 504,
    afterApply: true,
    times: 10,
    ...fault,
  });

/** Creates a group through the portal while ezeep's answer is lost; returns both entries. */
async function lostCreate() {
  const name = unique("Lost");
  loseGroupCreate();
  const result = await actionRegistry.get("group.create")!.invoke(admin, { name, description: "" });
  sim().faults.clear();
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  const [unknown, settling] = await db.auditEntry.findMany({
    where: { action: "group.create", targetLabel: name },
    orderBy: { id: "asc" },
  });
  return { name, unknown, settling };
}

const verify = () => verifyChain(chainKey(admin.organization.id));

beforeAll(async () => {
  const org = await portalOrganization(sim().organizationId);
  admin = await contextFor(org, "admin");
});
beforeEach(() => sim().faults.clear());

describe("a lost answer in the keyed chain", () => {
  it("is a chained 'unknown' completion plus a chained settling entry that points at it", async () => {
    const { unknown, settling } = await lostCreate();
    expect(unknown).toMatchObject({ outcome: "unknown", ezeepStatus: 504, reconcilesId: null });
    expect(unknown.error).toMatch(/^ezeep did not answer; /);
    expect(unknown.chainSeq).not.toBeNull();
    expect(unknown.completionHash).not.toBeNull();
    expect(settling).toMatchObject({ outcome: "success", reconcilesId: unknown.id });
    expect(settling.actorId).toBe(unknown.actorId);
    expect(settling.chainSeq).toBeGreaterThan(unknown.completionSeq!);
    expect(JSON.parse(settling.after!).readBack).toMatch(/^ezeep did not answer.*the change was applied/);
    expect(await verify()).toMatchObject({ intact: true, firstBreak: null });
  });

  it("detects tampering with the settling entry (its link covers reconcilesId)", async () => {
    const { unknown, settling } = await lostCreate();
    await tamper(`UPDATE "AuditEntry" SET "reconcilesId" = NULL WHERE "id" = ${settling.id}`);
    expect((await verify()).firstBreak).toMatchObject({ entryId: settling.id });
    await tamper(`UPDATE "AuditEntry" SET "reconcilesId" = ${unknown.id} WHERE "id" = ${settling.id}`);
    expect(await verify()).toMatchObject({ intact: true });
    await tamper(`UPDATE "AuditEntry" SET "outcome" = 'failure' WHERE "id" = ${settling.id}`);
    expect((await verify()).firstBreak).toMatchObject({ entryId: settling.id });
    await tamper(`UPDATE "AuditEntry" SET "outcome" = 'success' WHERE "id" = ${settling.id}`);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it("detects tampering with the unknown entry's completion", async () => {
    const { unknown } = await lostCreate();
    await tamper(`UPDATE "AuditEntry" SET "outcome" = 'success' WHERE "id" = ${unknown.id}`);
    expect((await verify()).firstBreak).toMatchObject({ entryId: unknown.id });
    await tamper(`UPDATE "AuditEntry" SET "outcome" = 'unknown' WHERE "id" = ${unknown.id}`);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it("the triggers refuse to change reconcilesId, even of a pending entry", async () => {
    const id = await recordAudit({
      organizationId: admin.organization.id,
      actor: admin.actor,
      action: "test.pending",
      target: { type: "test" },
      outcome: "pending",
    });
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "reconcilesId" = 1 WHERE "id" = ${id}`),
    ).rejects.toThrow(/append-only/);
  });

  it("the audit list shows an unknown entry as 'Unknown → applied' through its settling entry", async () => {
    const { unknown, settling } = await lostCreate();
    const query = parseAuditQuery({ outcome: "unknown" });
    const page = await listAuditEntriesIn({ organizationId: admin.organization.id }, query);
    expect(page.entries.every((e) => e.outcome === "unknown")).toBe(true);
    const listed = page.entries.find((e) => e.id === unknown.id);
    expect(listed?.settledBy).toEqual({ id: settling.id, outcome: "success" });
  });
});

describe("the follow-up reconciliation", () => {
  it("settles an undecidable entry 'unknown' after 24 h, once, and never retries it", async () => {
    // An action without a reconciler: ezeep cannot be asked whether it applied it.
    loseGroupCreate();
    const client = ezeepFor(admin.organization);
    await expect(
      audited(admin, {
        action: "test.unreconcilable",
        target: { type: "group", label: "x" },
        run: async () => ({ result: await client.groups.create({ name: unique("Orphan") }) }),
      }),
    ).rejects.toThrow(/not known yet/);
    sim().faults.clear();
    const unknown = await db.auditEntry.findFirstOrThrow({
      where: { action: "test.unreconcilable" },
      orderBy: { id: "desc" },
    });
    expect(unknown.outcome).toBe("unknown");

    expect(await reconcileUnknownEntries(admin.organization)).toMatchObject({ stillUnknown: 1, sealed: 0 });
    expect(await db.auditEntry.count({ where: { reconcilesId: unknown.id } })).toBe(0);

    const later = new Date(unknown.at.getTime() + SEAL_UNKNOWN_AFTER_MS + 60_000);
    expect(await reconcileUnknownEntries(admin.organization, { now: later })).toMatchObject({ sealed: 1 });
    const settling = await db.auditEntry.findUniqueOrThrow({ where: { reconcilesId: unknown.id } });
    expect(settling).toMatchObject({ outcome: "unknown", action: "test.unreconcilable" });
    expect(settling.error).toMatch(/24 h/);

    expect(await reconcileUnknownEntries(admin.organization, { now: later })).toEqual({
      applied: 0,
      notApplied: 0,
      stillUnknown: 0,
      sealed: 0,
    });
    expect(await verify()).toMatchObject({ intact: true });
  });
});
