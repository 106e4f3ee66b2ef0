// Cross-organization isolation for the organizations/provisioning features: an owner of
// organization B tries to read or change organization A through every action and route handler
// of these features, and never reaches A's data.
import { beforeAll, describe, expect, it } from "vitest";

import { POST } from "@/app/v1/groups/users/route";
import { createApiToken, listApiTokens } from "@/lib/api-tokens/service";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createPartnerOrganization } from "@/lib/organizations/partner";
import { ezeepFor } from "@/lib/organizations/service";
import { addClient } from "@/lib/provisioning/ndd/clients";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/api-tokens/actions";
import "@/lib/organizations/actions";
import "@/lib/provisioning/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);

describe("organization isolation", () => {
  const sim = useSimulator();
  let ownerA: OrgContext;
  let ownerB: OrgContext;

  beforeAll(async () => {
    process.env.PORTAL_SIMULATOR_CONTROL = sim().accountUrl;
    ownerA = await contextFor(await portalOrganization(sim().organizationId), "owner", "iso-a@test.example");
    const b = await createPartnerOrganization(ownerA, {
      name: "Org B",
      currency: "EUR",
      adminEmail: "b-admin@iso.example",
      adminFirstName: "B",
      adminLastName: "Admin",
      language: "en",
    });
    // B's owner holds no role in A
    ownerB = await contextFor(b, "owner", "iso-b@test.example");
    await db.role.deleteMany({ where: { organizationId: b.id, adminId: ownerA.actor.id! } });
  });

  it("B cannot see or revoke A's API tokens", async () => {
    const tokenA = await createApiToken(ownerA, { name: "A's token" });
    expect((await listApiTokens(ownerB)).map((t) => t.id)).not.toContain(tokenA.id);
    expect(await invoke("apiToken.revoke", ownerB, { id: tokenA.id })).toMatchObject({ ok: false });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: tokenA.id } })).revokedAt).toBeNull();
  });

  it("B's API token cannot act on A (Tenant of A → 403), and with B's own Tenant it changes B only", async () => {
    const tokenB = await createApiToken(ownerB, { name: "B's token" });
    await addClient(ownerB, { name: "B" }); // B answers to NDD Client "B"
    const call = (tenant: string, group: string) =>
      POST(
        new Request("http://portal.test/v1/groups/users", {
          method: "POST",
          headers: { Tenant: tenant, Authorization: `Bearer ${tokenB.token}` },
          body: JSON.stringify({ Client: "B", Groups: [{ GroupName: group, Users: [] }] }),
        }),
      );
    expect((await call("Acme Corp", "Injected into A")).status).toBe(403);
    expect((await call(sim().organizationId, "Injected into A")).status).toBe(403);
    expect((await call("Org B", "Belongs to B")).status).toBe(201);
    const aGroups = (await ezeepFor(ownerA.organization).groups.all()).map((g) => g.name);
    const bGroups = (await ezeepFor(ownerB.organization).groups.all()).map((g) => g.name);
    expect(aGroups).not.toContain("Injected into A");
    expect(aGroups).not.toContain("Belongs to B");
    expect(bGroups).toContain("Belongs to B");
  });

  it("B cannot delete A, run A's Azure steps, or disconnect A", async () => {
    const a = ownerA.organization;
    expect(await invoke("organization.delete", ownerB, { id: a.id, confirmName: a.name })).toMatchObject({
      ok: false,
    });
    expect(await invoke("organization.azure_activate", ownerB, { organizationId: a.id })).toMatchObject({
      ok: false,
    });
    expect(
      await invoke("organization.azure_import", ownerB, { organizationId: a.id, groups: [{ name: "X" }] }),
    ).toMatchObject({ ok: false });
    expect(await invoke("organization.azure_check", ownerB, { organizationId: a.id })).toMatchObject({
      ok: false,
    });
    // disconnect acts on the caller's own organization only (no id in its input)
    await invoke("organization.disconnect", ownerB, {});
    expect((await db.organization.findUniqueOrThrow({ where: { id: a.id } })).connection).toBe(
      "client_credentials",
    );
    expect(await db.organization.findUnique({ where: { id: a.id } })).not.toBeNull();
  });

  it("B's CSV import lands in B, never in A", async () => {
    const csv = "group,email\nB import group,someone@iso.example";
    expect(await invoke("import.apply", ownerB, { csv, from: 0, to: 1 })).toMatchObject({ ok: true });
    expect((await ezeepFor(ownerA.organization).groups.all()).map((g) => g.name)).not.toContain(
      "B import group",
    );
    expect((await ezeepFor(ownerB.organization).groups.all()).map((g) => g.name)).toContain("B import group");
    expect(await db.invitation.findFirst({ where: { email: "someone@iso.example" } })).toMatchObject({
      organizationId: ownerB.organization.id,
    });
  });

  it("audit entries of B's attempts are written in B's log (or as denied), never in A's as successes", async () => {
    const inA = await db.auditEntry.findMany({
      where: { organizationId: ownerA.organization.id, actorId: ownerB.actor.id, outcome: "success" },
    });
    expect(inA).toEqual([]);
  });
});
