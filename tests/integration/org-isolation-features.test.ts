// Cross-organization isolation for groups, users, memberships, invitations, printers and the
// audit log: the owner of organization B names organization A's objects in every action of these
// features and in their reads, and never reaches them (tests/integration/org-isolation.test.ts
// covers API tokens, organizations and provisioning).
import { beforeAll, describe, expect, it } from "vitest";

import { listAuditEntries } from "@/lib/audit/queries";
import { canReadEntryOf } from "@/lib/audit/scope";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { findGroup } from "@/lib/groups/service";
import { listInvitationsSchema } from "@/lib/invitations/schemas";
import { listInvitations } from "@/lib/invitations/service";
import { createPartnerOrganization } from "@/lib/organizations/partner";
import { ezeepFor } from "@/lib/organizations/service";
import { findPrinter } from "@/lib/printers/service";
import { findUser } from "@/lib/users/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";
import "@/lib/users/actions";
import "@/lib/memberships/actions";
import "@/lib/invitations/actions";
import "@/lib/printers/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);

describe("organization isolation across the management features", () => {
  const sim = useSimulator();
  let ownerA: OrgContext;
  let ownerB: OrgContext;
  const a = { groupId: "", userId: "", printerId: "", invitationId: "", driverId: "" };

  beforeAll(async () => {
    ownerA = await contextFor(await portalOrganization(sim().organizationId), "owner", "iso-a@features.test");
    const orgB = await createPartnerOrganization(ownerA, {
      name: "Org B",
      currency: "EUR",
      adminEmail: "b-admin@features.test",
      adminFirstName: "B",
      adminLastName: "Admin",
      language: "en",
    });
    ownerB = await contextFor(orgB, "owner", "iso-b@features.test");
    await db.role.deleteMany({ where: { organizationId: orgB.id, adminId: ownerA.actor.id! } });

    const ezeepA = ezeepFor(ownerA.organization);
    a.groupId = (await ezeepA.groups.all({ pageSize: 100 }))[0].id;
    a.userId = (await ezeepA.printingUsers.all({ pageSize: 100 }))[0].id;
    a.printerId = (await ezeepA.printers.all({ pageSize: 100 }))[0].id;
    const vendor = (await ezeepA.drivers.vendors())[0];
    a.driverId = (await ezeepA.drivers.all({ vendor, pageSize: 100 }))[0].id;
    expect(await invoke("invitation.sync", ownerA, {})).toMatchObject({ ok: true });
    a.invitationId = (
      await db.invitation.findFirstOrThrow({ where: { organizationId: ownerA.organization.id } })
    ).id;
  });

  it("B cannot read A's group, user, printer, invitations or audit entries", async () => {
    expect(await findGroup(ownerB, a.groupId)).toBeNull();
    expect(await findUser(ownerB, a.userId)).toBeNull();
    expect(await findPrinter(ownerB, a.printerId)).toBeNull();
    const invitations = await listInvitations(ownerB, listInvitationsSchema.parse({}));
    expect(JSON.stringify(invitations)).not.toContain(a.invitationId);
    const entriesB = await listAuditEntries(ownerB, { limit: 200 });
    expect(entriesB.entries.every((e) => !JSON.stringify(e).includes(ownerA.organization.id))).toBe(true);
    expect(
      canReadEntryOf(
        { memberships: [{ organization: ownerB.organization, role: "owner" }], portalAdmin: false },
        ownerA.organization.id,
      ),
    ).toBe(false);
  });

  it("every change B attempts on A's objects fails and leaves A untouched", async () => {
    const ezeepA = ezeepFor(ownerA.organization);
    const groupBefore = await ezeepA.groups.get(a.groupId);
    const userBefore = await ezeepA.printingUsers.get(a.userId);
    const accountBefore = await ezeepA.users.get(a.userId);
    const printerBefore = await ezeepA.printers.get(a.printerId);
    const invitationBefore = await db.invitation.findUniqueOrThrow({ where: { id: a.invitationId } });

    const attempts: [string, unknown][] = [
      ["group.update", { id: a.groupId, name: "Taken over", description: "" }],
      ["group.delete", { id: a.groupId }],
      ["user.update", { id: a.userId, firstName: "Taken", lastName: "Over", role: "admin" }],
      ["user.update_printing", { id: a.userId, local_printing_enabled: !userBefore.local_printing_enabled }],
      ["user.delete", { id: a.userId }],
      ["membership.add", { userId: a.userId, groupIds: [a.groupId] }],
      [
        "membership.remove",
        { userId: a.userId, groupIds: userBefore.groups.map((g) => g.group_id).slice(0, 1) },
      ],
      ["membership.bulk_add", { groupId: a.groupId, userIds: [a.userId] }],
      ["invitation.resend", { id: a.invitationId }],
      ["invitation.bulk_resend", { ids: [a.invitationId] }],
      ["printer.assign_groups", { printerId: a.printerId, groupIds: [a.groupId] }],
      ["printer.unassign_groups", { printerId: a.printerId, groupIds: [a.groupId] }],
      ["printer.assign_to_group", { groupId: a.groupId, printerIds: [a.printerId] }],
      ["printer.unassign_from_group", { groupId: a.groupId, printerIds: [a.printerId] }],
      ["printer.set_driver", { printerId: a.printerId, driverId: a.driverId }],
    ];
    for (const [name, input] of attempts) {
      const result = await invoke(name, ownerB, input);
      const reachedA =
        result.ok && JSON.stringify(result.data).match(/"ok":true|"status":"(added|removed|sent)"/) !== null;
      expect(reachedA, `${name} as B's owner on A's objects: ${JSON.stringify(result)}`).toBe(false);
    }

    expect(await ezeepA.groups.get(a.groupId)).toMatchObject({
      name: groupBefore.name,
      description: groupBefore.description,
    });
    expect(await ezeepA.printingUsers.get(a.userId)).toEqual(userBefore);
    expect(await ezeepA.users.get(a.userId)).toMatchObject({
      first_name: accountBefore.first_name,
      roles: accountBefore.roles,
    });
    expect(await ezeepA.printers.get(a.printerId)).toMatchObject({
      manual_driver_id: printerBefore.manual_driver_id,
    });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: a.invitationId } })).toMatchObject({
      reminderCount: invitationBefore.reminderCount,
      sentAt: invitationBefore.sentAt,
    });
    // Nothing B did is recorded as a success against A's organization.
    expect(
      await db.auditEntry.count({
        where: { organizationId: ownerA.organization.id, actorId: ownerB.actor.id },
      }),
    ).toBe(0);
  });
});
