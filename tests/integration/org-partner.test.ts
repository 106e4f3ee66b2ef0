// Partner API: listing, creating and deleting ezeep organizations, audited; delete needs the
// exact name and an owner role in that organization.
import { beforeAll, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import {
  createPartnerOrganization,
  listPartnerOrganizations,
  partnerClient,
} from "@/lib/organizations/partner";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/organizations/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
let n = 0;
const newOrg = (name = `Partner Org ${++n}`) => ({
  name,
  currency: "EUR",
  adminEmail: `admin${n}@partner.example`,
  adminFirstName: "Ada",
  adminLastName: "Admin",
  language: "en",
});

describe("partner organizations", () => {
  const sim = useSimulator();
  let owner: OrgContext;
  let admin: OrgContext;

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    owner = await contextFor(org, "owner", "partner-owner@test.example");
    admin = await contextFor(org, "admin", "partner-admin@test.example");
  });

  testActionAuthorization(sim, {
    "organization.create": async () => newOrg(),
    "organization.delete": async (ownerCtx) => {
      const created = await createPartnerOrganization(ownerCtx, newOrg() as never);
      return { id: created.id, confirmName: created.name };
    },
  });

  it("creates an organization in ezeep, registers it with the creator as owner and audits it", async () => {
    const result = await invoke("organization.create", owner, newOrg("Contoso Ltd"));
    expect(result).toMatchObject({ ok: true, data: { name: "Contoso Ltd" } });
    const { id, ezeepId } = (result as { ok: true; data: { id: string; ezeepId: string } }).data;
    expect((await partnerClient().organizations.get(ezeepId)).name).toBe("Contoso Ltd");
    expect(
      await db.role.findUnique({
        where: { adminId_organizationId: { adminId: owner.actor.id!, organizationId: id } },
      }),
    ).toMatchObject({ role: "owner" });
    expect(
      await db.auditEntry.findFirst({ where: { action: "organization.create", targetId: id } }),
    ).toMatchObject({
      outcome: "success",
      organizationId: owner.organization.id,
    });
    const listed = await listPartnerOrganizations(owner);
    expect(listed.find((o) => o.ezeepId === ezeepId)).toMatchObject({
      portalId: id,
      role: "owner",
      currency: "EUR",
    });
  });

  it("validates input with specific messages", async () => {
    const result = await invoke("organization.create", owner, { ...newOrg(""), adminEmail: "nope" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Enter the organization's name."], adminEmail: ["Enter a valid email address."] },
    });
  });

  it("deletes only after the exact name is typed, and only as an owner of that organization", async () => {
    const created = await createPartnerOrganization(owner, newOrg("Fabrikam") as never);
    expect(
      await invoke("organization.delete", owner, { id: created.id, confirmName: "fabrikam" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { confirmName: ["Type “Fabrikam” to confirm."] },
    });
    // an owner of the current organization who holds no role in Fabrikam
    const otherOwner = await contextFor(owner.organization, "owner", "not-fabrikam-owner@test.example");
    expect(
      await invoke("organization.delete", otherOwner, { id: created.id, confirmName: "Fabrikam" }),
    ).toMatchObject({ ok: false });
    expect(await db.organization.findUnique({ where: { id: created.id } })).not.toBeNull();

    expect(
      await invoke("organization.delete", owner, { id: created.id, confirmName: "Fabrikam" }),
    ).toMatchObject({ ok: true });
    expect(await db.organization.findUnique({ where: { id: created.id } })).toBeNull();
    await expect(partnerClient().organizations.get(created.ezeepId)).rejects.toMatchObject({ status: 404 });
    const entries = await db.auditEntry.findMany({
      where: { action: "organization.delete", targetId: created.id, outcome: "success" },
    });
    expect(entries.map((e) => e.organizationId).sort()).toEqual([created.id, owner.organization.id].sort());
  });

  it("an admin (not owner) can neither create nor delete", async () => {
    expect(await invoke("organization.create", admin, newOrg())).toMatchObject({
      ok: false,
      error: "Your role does not allow this action.",
    });
  });
});
