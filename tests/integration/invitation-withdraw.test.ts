// Withdrawing an invitation (lib/invitations/withdraw.ts): ezeep has no withdraw call, so the
// portal deletes the invited, still unverified user. Allowed for owner/admin/helpdesk, audited,
// and refused (on record) for accepted or already withdrawn invitations.
import { describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { inviteMany } from "@/lib/invitations/service";
import { ezeepFor } from "@/lib/organizations/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/invitations/withdraw";

const unique = () => `withdraw.${Math.random().toString(36).slice(2, 9)}@newco.example`;

async function sentInvitation(owner: OrgContext, email = unique()): Promise<string> {
  const { results } = await inviteMany(owner, { emails: email, role: "user", groupIds: [] });
  if (!results[0].invitationId) throw new Error(`fixture invitation not sent: ${results[0].message}`);
  return results[0].invitationId;
}

describe("invitation.withdraw", () => {
  const sim = useSimulator();

  testActionAuthorization(sim, {
    "invitation.withdraw": async (owner) => ({ id: await sentInvitation(owner) }),
  });

  it("deletes the unverified ezeep user, marks the invitation withdrawn and audits it", async () => {
    const org = await portalOrganization(sim().organizationId);
    const helpdesk = await contextFor(org, "helpdesk", "helpdesk-w@test.example");
    const email = unique();
    const id = await sentInvitation(helpdesk, email);
    expect((await ezeepFor(org).users.all()).some((u) => u.email === email)).toBe(true);

    const result = await actionRegistry.get("invitation.withdraw")!.invoke(helpdesk, { id });
    expect(result).toEqual({ ok: true, data: { id, email } });
    expect((await ezeepFor(org).users.all()).some((u) => u.email === email)).toBe(false);
    expect((await ezeepFor(org).invitations.all()).some((i) => i.email === email)).toBe(false);
    expect(await db.invitation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "cancelled" });
    const entry = await db.auditEntry.findFirst({
      where: { action: "invitation.withdraw", targetId: id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "success", actorId: helpdesk.actor.id, targetLabel: email });
  });

  it("refuses a second withdrawal and an accepted invitation, on record, without deleting anyone", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner-w@test.example");
    const id = await sentInvitation(owner);
    expect((await actionRegistry.get("invitation.withdraw")!.invoke(owner, { id })).ok).toBe(true);
    const again = await actionRegistry.get("invitation.withdraw")!.invoke(owner, { id });
    expect(again).toEqual({ ok: false, error: "This invitation was already withdrawn." });

    const acceptedEmail = unique();
    const acceptedId = await sentInvitation(owner, acceptedEmail);
    await db.invitation.update({ where: { id: acceptedId }, data: { status: "accepted" } });
    const refused = await actionRegistry.get("invitation.withdraw")!.invoke(owner, { id: acceptedId });
    expect(refused.ok).toBe(false);
    expect((await ezeepFor(org).users.all()).some((u) => u.email === acceptedEmail)).toBe(true);
    const failures = await db.auditEntry.count({
      where: { action: "invitation.withdraw", outcome: "failure", actorId: owner.actor.id },
    });
    expect(failures).toBe(2);
  });

  it("answers a clear message for an unknown id", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner-w2@test.example");
    const result = await actionRegistry.get("invitation.withdraw")!.invoke(owner, { id: "nope" });
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: string }).error).not.toMatch(/Something went wrong/);
  });
});
