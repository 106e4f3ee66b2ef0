// Isolation: an owner of organization B cannot read A's audit log, A's entries, the portal-wide log
// (other admins' e-mails, IPs and failed sign-ins) or A's name in the partner list.
import { beforeAll, describe, expect, it } from "vitest";

import { canReadEntryOf, resolveAuditScope, type AuditViewer } from "@/lib/audit/scope";
import { recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { authenticateAdmin } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createPartnerOrganization, listPartnerOrganizations } from "@/lib/organizations/partner";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

describe("an owner of organization B", () => {
  const sim = useSimulator();
  let ownerA: OrgContext;
  let ownerB: OrgContext;
  let viewerB: AuditViewer;

  beforeAll(async () => {
    ownerA = await contextFor(
      await portalOrganization(sim().organizationId, "Acme"),
      "owner",
      "owner-a@test.example",
    );
    const created = await createPartnerOrganization(ownerA, {
      name: "Beta",
      currency: "EUR",
      adminEmail: "first@beta.example",
      adminFirstName: "B",
      adminLastName: "Owner",
      language: "en",
    });
    ownerB = await contextFor(created, "owner", "owner-b@test.example");
    viewerB = { memberships: [{ organization: ownerB.organization, role: "owner" }], portalAdmin: false };
    await recordAudit({
      organizationId: ownerA.organization.id,
      actor: ownerA.actor,
      action: "group.create",
      target: { type: "group", id: "g1" },
      outcome: "success",
    });
    await authenticateAdmin({
      email: "owner-a@test.example",
      password: "wrong",
      ip: "10.4.4.4",
      userAgent: "x",
    });
  });

  it("cannot choose A's log or the portal-wide log for the list or the export", () => {
    expect(resolveAuditScope(viewerB, ownerB.organization.id)).toMatchObject({
      organizationId: ownerB.organization.id,
    });
    expect(resolveAuditScope(viewerB, ownerB.organization.id, ownerA.organization.id)).toBeNull();
    expect(resolveAuditScope(viewerB, ownerB.organization.id, "portal")).toBeNull();
  });

  it("cannot open any entry of A or of the portal-wide log", async () => {
    const entries = await db.auditEntry.findMany({
      where: { OR: [{ organizationId: null }, { organizationId: ownerA.organization.id }] },
    });
    expect(entries.some((e) => e.organizationId === null && e.action === "admin.sign_in")).toBe(true);
    expect(entries.some((e) => e.organizationId === ownerA.organization.id)).toBe(true);
    for (const entry of entries) expect(canReadEntryOf(viewerB, entry.organizationId)).toBe(false);
  });

  it("does not see A in the partner organization list; A's owner sees both", async () => {
    const seenByB = await listPartnerOrganizations(ownerB);
    expect(seenByB.map((o) => o.name)).toEqual(["Beta"]);
    const seenByA = await listPartnerOrganizations(ownerA);
    expect(seenByA.map((o) => o.name)).toContain("Beta");
    expect(seenByA.every((o) => o.role !== null)).toBe(true);
  });

  it("gets A's organization deletion refused, and the refusal is on record once", async () => {
    const { actionRegistry } = await import("@/lib/auth/action");
    await import("@/lib/organizations/actions");
    const before = await db.auditEntry.count({ where: { action: "organization.delete" } });
    const result = await actionRegistry
      .get("organization.delete")!
      .invoke(ownerB, { id: ownerA.organization.id, confirmName: "Acme" });
    expect(result.ok).toBe(false);
    expect(await db.auditEntry.count({ where: { action: "organization.delete" } })).toBe(before + 1);
    expect(await db.organization.findUnique({ where: { id: ownerA.organization.id } })).not.toBeNull();
  });
});
