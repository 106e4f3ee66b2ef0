// The provisioning sequence of seed 000: create organization → activate Azure connection →
// import Azure groups → delete organization. Steps 2 and 3 are undocumented in ezeep and run
// through the installed AzureDirectory (the simulator here); without one they refuse with guidance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { wireSimulatedAzure } from "@/lib/demo/simulated-azure-directory";
import { createPartnerOrganization } from "@/lib/organizations/partner";
import { setAzureDirectory } from "@/lib/provisioning/azure-directory";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/provisioning/actions";
import "@/lib/organizations/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
let n = 0;
const orgInput = (name = `Azure Org ${++n}`) => ({
  name,
  currency: "EUR" as const,
  adminEmail: `azure${n}@partner.example`,
  adminFirstName: "Ada",
  adminLastName: "Admin",
  language: "en" as const,
});

describe("provisioning sequence (seed 000)", () => {
  const sim = useSimulator();
  let owner: OrgContext;
  beforeAll(async () => {
    // As instrumentation.ts does for the demo: the simulator carries out the Azure steps.
    wireSimulatedAzure(sim().accountUrl);
    owner = await contextFor(
      await portalOrganization(sim().organizationId),
      "owner",
      "azure-owner@test.example",
    );
  });
  afterAll(() => setAzureDirectory(null));

  testActionAuthorization(sim, {
    "organization.azure_activate": async (o) => ({
      organizationId: (await createPartnerOrganization(o, orgInput())).id,
    }),
    "organization.azure_import": async (o) => ({
      organizationId: (await createPartnerOrganization(o, orgInput())).id,
      groups: [{ name: `Azure Sales ${++n}`, foreignId: `oid-${n}` }],
    }),
    "organization.azure_check": async (o) => ({
      organizationId: (await createPartnerOrganization(o, orgInput())).id,
    }),
  });

  it("runs the whole sequence, each step audited in the new organization's log", async () => {
    const created = await invoke("organization.create", owner, orgInput("Northwind"));
    expect(created).toMatchObject({ ok: true });
    const orgId = (created as { ok: true; data: { id: string } }).data.id;

    expect(await invoke("organization.azure_activate", owner, { organizationId: orgId })).toMatchObject({
      ok: true,
      data: { simulated: true },
    });
    const imported = await invoke("organization.azure_import", owner, {
      organizationId: orgId,
      groups: [{ name: "Sales", foreignId: "aad-sales" }, { name: "Support" }],
    });
    expect(imported).toMatchObject({ ok: true });
    const check = await invoke("organization.azure_check", owner, { organizationId: orgId });
    expect(
      (check as { ok: true; data: { name: string; foreignId: string | null }[] }).data
        .map((g) => g.name)
        .sort(),
    ).toEqual(["Sales", "Support"]);
    // importing again changes nothing (the hook is idempotent by foreign id / name)
    await invoke("organization.azure_import", owner, {
      organizationId: orgId,
      groups: [{ name: "Sales", foreignId: "aad-sales" }],
    });
    expect(
      (
        (await invoke("organization.azure_check", owner, { organizationId: orgId })) as {
          ok: true;
          data: unknown[];
        }
      ).data,
    ).toHaveLength(2);

    const entries = await db.auditEntry.findMany({
      where: { organizationId: orgId, outcome: "success" },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => e.action)).toEqual([
      "organization.azure_activate",
      "organization.azure_import",
      "organization.azure_import",
    ]);

    expect(await invoke("organization.delete", owner, { id: orgId, confirmName: "Northwind" })).toMatchObject(
      { ok: true },
    );
    expect(await db.organization.findUnique({ where: { id: orgId } })).toBeNull();
  });

  it("refuses to act on an organization the admin does not own", async () => {
    const otherOwner = await contextFor(owner.organization, "owner", "azure-other@test.example");
    const created = await createPartnerOrganization(owner, orgInput());
    expect(
      await invoke("organization.azure_activate", otherOwner, { organizationId: created.id }),
    ).toMatchObject({
      ok: false,
      error: "Only an owner of that organization can do this.",
    });
  });

  it("without the simulator, the undocumented steps refuse and say what to do in ezeep instead", async () => {
    const created = await createPartnerOrganization(owner, orgInput());
    setAzureDirectory(null); // production: no automatic implementation installed
    try {
      const r = await invoke("organization.azure_activate", owner, { organizationId: created.id });
      expect(r).toMatchObject({ ok: false, error: expect.stringContaining("ezeep admin console") });
      const i = await invoke("organization.azure_import", owner, {
        organizationId: created.id,
        groups: [{ name: "X" }],
      });
      expect(i).toMatchObject({ ok: false, error: expect.stringContaining("ezeep admin console") });
    } finally {
      wireSimulatedAzure(sim().accountUrl);
    }
  });
});
