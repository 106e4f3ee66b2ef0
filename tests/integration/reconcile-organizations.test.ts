// Partner API writes whose answer was lost, read back: a created organization is found by name
// and registered (its creator as owner) — a retry creates no second one; a deleted one is
// confirmed by ezeep's 404 and forgotten by the portal; either not applied settles as failure.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { reconcileUnknownEntries } from "@/lib/audit/unknown";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createPartnerOrganization, partnerClient } from "@/lib/organizations/partner";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { errorOf, invoke, lose, notApplied, settled } from "@/tests/helpers/reconcile";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/organizations/actions";

const ORGS = "/partner/v1/organizations/";
const sim = useSimulator();
let owner: OrgContext;
const newOrg = (name = `Reconciled ${Math.random().toString(36).slice(2, 8)}`) => ({
  name,
  currency: "EUR",
  adminEmail: `admin.${Math.random().toString(36).slice(2, 8)}@partner.example`,
  adminFirstName: "Ada",
  adminLastName: "Admin",
  language: "en",
});
const inEzeep = async (name: string) =>
  (await partnerClient().organizations.all()).filter((o) => o.name === name);

beforeAll(async () => {
  process.env.EZEEP_TIMEOUT_MS = "1000";
  const org = await portalOrganization(sim().organizationId);
  owner = await contextFor(org, "owner", "reconcile-owner@test.example");
});
beforeEach(() => sim().faults.clear());

describe("organization.create", () => {
  it("applied, answer lost: found by name, registered with the creator as owner", async () => {
    const input = newOrg();
    lose(sim(), "account", "POST", ORGS);
    const result = await invoke("organization.create", owner, input);
    sim().faults.clear();
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { name: input.name } });
    const [created] = await inEzeep(input.name);
    const registered = await db.organization.findUniqueOrThrow({ where: { ezeepId: created.id } });
    const role = await db.role.findFirst({
      where: { organizationId: registered.id, adminId: owner.actor.id! },
    });
    expect(role).toMatchObject({ role: "owner" });
    const { entry, after } = await settled("organization.create", { targetId: registered.id });
    expect(entry).toMatchObject({ outcome: "success", targetLabel: input.name });
    expect(after).toMatchObject({ ezeepId: created.id });
  });

  it("a retry while the first attempt is still unknown settles it and returns that organization", async () => {
    const input = newOrg();
    lose(sim(), "account", "POST", ORGS, { kind: "timeout", delayMs: 5_000 });
    sim().resetStats();
    const pending = invoke("organization.create", owner, input);
    while (!sim().stats().byRoute["POST /partner/v1/organizations/"])
      await new Promise((r) => setTimeout(r, 10));
    sim().faults.add({ host: "account", method: "GET", path: ORGS, kind: "status", status: 503, times: 50 });
    expect(errorOf(await pending)).toMatch(/not known yet/);
    sim().faults.clear();
    const retry = await invoke("organization.create", owner, input);
    expect(retry, JSON.stringify(retry)).toMatchObject({ ok: true, data: { name: input.name } });
    expect(await inEzeep(input.name)).toHaveLength(1);
    const entries = await db.auditEntry.findMany({
      where: { action: "organization.create", targetLabel: input.name },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => e.outcome)).toEqual(["unknown", "success"]);
  });

  it("not applied: failure, nothing registered", async () => {
    const input = newOrg();
    notApplied(sim(), "account", "POST", ORGS);
    expect(errorOf(await invoke("organization.create", owner, input))).toMatch(/It was not applied/);
    expect(await inEzeep(input.name)).toHaveLength(0);
    const { entry } = await settled("organization.create", { targetLabel: input.name });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(await db.organization.count({ where: { name: input.name } })).toBe(0);
  });
});

describe("organization.delete", () => {
  it("applied, answer lost: ezeep's 404 settles it and the portal forgets the organization", async () => {
    const created = await createPartnerOrganization(owner, newOrg() as never);
    lose(sim(), "account", "DELETE", `${ORGS}${created.ezeepId}/`);
    const result = await invoke("organization.delete", owner, { id: created.id, confirmName: created.name });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { name: created.name } });
    expect(await db.organization.findUnique({ where: { id: created.id } })).toBeNull();
    const { entry, unknown } = await settled("organization.delete", { targetId: created.id });
    expect(unknown).toMatchObject({ outcome: "unknown", organizationId: created.id });
    expect(entry).toMatchObject({ outcome: "success" });
  });

  it("not applied: failure, the organization stays in ezeep and the portal", async () => {
    const created = await createPartnerOrganization(owner, newOrg() as never);
    notApplied(sim(), "account", "DELETE", `${ORGS}${created.ezeepId}/`);
    const result = await invoke("organization.delete", owner, { id: created.id, confirmName: created.name });
    expect(errorOf(result)).toMatch(/It was not applied/);
    expect(await db.organization.findUnique({ where: { id: created.id } })).not.toBeNull();
    const { entry, after } = await settled("organization.delete", { targetId: created.id });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after).toMatchObject({ ezeepId: created.ezeepId });
    // Nothing left to settle for the follow-up.
    expect(await reconcileUnknownEntries(owner.organization)).toMatchObject({ stillUnknown: 0 });
  });
});
