// Invitation actions called as every role (and signed out): allowed or denied exactly as the
// permission matrix says (owner, admin, helpdesk may invite, resend and sync; the auditor may
// not), on the server, and a denied call changes nothing in ezeep.
import { describe, expect, it } from "vitest";

import { actionRegistry, DENIED_ERROR } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { inviteMany, syncInvitations } from "@/lib/invitations/service";
import { ezeepFor } from "@/lib/organizations/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/invitations/actions";

const unique = () => `authz.${Math.random().toString(36).slice(2, 9)}@newco.example`;

/** An invitation sent two hours ago (past the resend cooldown), by the owner. */
async function sentInvitation(owner: OrgContext): Promise<string> {
  const email = unique();
  const { results } = await inviteMany(
    owner,
    { emails: email, role: "user", groupIds: [] },
    new Date(Date.now() - 2 * 3_600_000),
  );
  if (!results[0].invitationId) throw new Error(`fixture invitation not sent: ${results[0].message}`);
  return results[0].invitationId;
}

/** An invitation sent from outside the portal, imported by the follow-up (origin "ezeep"). */
async function foundInEzeep(owner: OrgContext): Promise<string> {
  const created = await ezeepFor(owner.organization).invitations.create({
    email: unique(),
    expire_date: new Date(Date.now() + 7 * 86_400_000),
  });
  await syncInvitations(owner.organization);
  const row = await db.invitation.findFirst({ where: { ezeepInvitationId: created.id } });
  if (!row) throw new Error("fixture invitation not imported");
  return row.id;
}

describe("invitation actions", () => {
  const sim = useSimulator();

  testActionAuthorization(sim, {
    "invitation.create": async () => ({ emails: unique(), role: "user" }),
    "invitation.resend": async (owner) => ({ id: await sentInvitation(owner) }),
    "invitation.bulk_resend": async (owner) => ({
      ids: [await sentInvitation(owner), await sentInvitation(owner)],
    }),
    "invitation.sync": async () => ({}),
    "invitation.adopt": async (owner) => ({ id: await foundInEzeep(owner) }),
  });

  it("leaves ezeep untouched when an auditor tries to invite or resend", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner2@test.example");
    const auditor = await contextFor(org, "auditor", "auditor2@test.example");
    const email = unique();
    expect(await actionRegistry.get("invitation.create")!.invoke(auditor, { emails: email })).toEqual({
      ok: false,
      error: DENIED_ERROR,
    });
    expect((await ezeepFor(org).invitations.all()).some((i) => i.email === email)).toBe(false);
    const id = await sentInvitation(owner);
    const before = await db.invitation.findUniqueOrThrow({ where: { id } });
    expect(await actionRegistry.get("invitation.resend")!.invoke(auditor, { id })).toEqual({
      ok: false,
      error: DENIED_ERROR,
    });
    expect(await actionRegistry.get("invitation.bulk_resend")!.invoke(auditor, { ids: [id] })).toEqual({
      ok: false,
      error: DENIED_ERROR,
    });
    expect(await db.invitation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      reminderCount: before.reminderCount,
      lastRemindedAt: null,
    });
  });

  it("refuses an invitation id of another organization as not found", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner3@test.example");
    const other = await portalOrganization("00000000-0000-4000-8000-0000000000aa", "Other Org");
    const foreign = await db.invitation.create({
      data: { organizationId: other.id, email: "x@other.example", ezeepInvitationId: "foreign-1" },
    });
    const result = await actionRegistry.get("invitation.resend")!.invoke(owner, { id: foreign.id });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not found/i) });
  });
});
