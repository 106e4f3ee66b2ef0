// Invitation writes whose answer was lost, read back: a resend (the invitation's `updated` /
// expiry moved → success; nothing moved → ezeep cannot tell, settled "unknown" with what was
// seen), a withdrawal (the invited user's 404), the follow-up's role and group steps.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { applyGroups, applyRole, SYSTEM_ACTOR } from "@/lib/invitations/apply";
import { inviteMany } from "@/lib/invitations/service";
import { syncInvitations } from "@/lib/invitations/sync";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { errorOf, invoke, lose, notApplied, settled } from "@/tests/helpers/reconcile";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/invitations/actions";
import "@/lib/invitations/withdraw";

const sim = useSimulator();
let owner: OrgContext;
let system: OrgContext;
const INVITES = "/v1/userinvitations/";
const USERS = "/v1/users/";
const unique = () => `reconcile.${Math.random().toString(36).slice(2, 9)}@newco.example`;

beforeAll(async () => {
  process.env.EZEEP_TIMEOUT_MS = "1000";
  const org = await portalOrganization(sim().organizationId);
  owner = await contextFor(org, "owner");
  system = { actor: SYSTEM_ACTOR, organization: org, role: null };
  await syncInvitations(org); // the seeded invitations, sent 10 days ago
});
beforeEach(() => sim().faults.clear());

/** A seeded invitation; the portal first saw it now, so its send time is set back past the cooldown. */
async function seededRow(email: string) {
  const row = await db.invitation.findFirstOrThrow({
    where: { organizationId: owner.organization.id, email },
  });
  if (row.lastRemindedAt) return row;
  return db.invitation.update({
    where: { id: row.id },
    data: { sentAt: new Date(Date.now() - 2 * 86_400_000) },
  });
}

async function sent(email = unique()) {
  const { results } = await inviteMany(owner, { emails: email, role: "user", groupIds: [] });
  const row = await db.invitation.findUniqueOrThrow({ where: { id: results[0].invitationId! } });
  const user = (await ezeepFor(owner.organization).users.all()).find((u) => u.email === email)!;
  return { row, user };
}

describe("invitation.resend", () => {
  it("applied, answer lost: ezeep's `updated` moved, settled as success and the claim kept", async () => {
    const row = await seededRow("contractor.jane@acme.example");
    lose(sim(), "account", "PATCH", `${INVITES}${row.ezeepInvitationId}/`);
    const result = await invoke("invitation.resend", owner, { id: row.id });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const { entry, unknown, after } = await settled("invitation.resend", { targetId: row.id });
    expect(unknown).toMatchObject({ outcome: "unknown", ezeepStatus: 504 });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(Date.parse(String(after!.updated))).toBeGreaterThan(Date.now() - 60_000);
    expect((await seededRow("contractor.jane@acme.example")).reminderCount).toBe(row.reminderCount + 1);
  });

  it("not applied: nothing in ezeep moved, so it cannot tell — settled unknown with the reason", async () => {
    const row = await seededRow("old.invite@acme.example");
    notApplied(sim(), "account", "PATCH", `${INVITES}${row.ezeepInvitationId}/`);
    const result = await invoke("invitation.resend", owner, { id: row.id });
    expect(errorOf(result)).toMatch(/ezeep cannot show whether it was applied \(neither/);
    const { entry, after } = await settled("invitation.resend", { targetId: row.id });
    expect(entry).toMatchObject({ outcome: "unknown" });
    expect(after).toMatchObject({ status: "EXPIRED", readBack: expect.stringMatching(/cannot show/) });
    // It may have been sent: the claim stays, so the cooldown still holds.
    expect((await seededRow("old.invite@acme.example")).reminderCount).toBe(row.reminderCount + 1);
  });
});

describe("invitation.withdraw", () => {
  it("applied, answer lost: the invited user's 404 settles it; the invitation shows withdrawn", async () => {
    const { row, user } = await sent();
    lose(sim(), "account", "DELETE", `${USERS}${user.id}/`);
    const result = await invoke("invitation.withdraw", owner, { id: row.id });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect((await settled("invitation.withdraw", { targetId: row.id })).entry).toMatchObject({
      outcome: "success",
    });
    expect(await db.invitation.findUnique({ where: { id: row.id } })).toMatchObject({ status: "cancelled" });
  });

  it("not applied: failure, the invitation stays pending", async () => {
    const { row, user } = await sent();
    notApplied(sim(), "account", "DELETE", `${USERS}${user.id}/`);
    expect(errorOf(await invoke("invitation.withdraw", owner, { id: row.id }))).toMatch(/It was not applied/);
    const { entry, after } = await settled("invitation.withdraw", { targetId: row.id });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after).toMatchObject({ email: user.email, verified: false });
    expect(await db.invitation.findUnique({ where: { id: row.id } })).toMatchObject({ status: "pending" });
  });
});

describe("the follow-up's steps", () => {
  it("apply_role applied, answer lost: the admin role is read back, the step recorded done", async () => {
    const { row, user } = await sent();
    lose(sim(), "account", "PATCH", `${USERS}${user.id}/`);
    expect(await applyRole(system, row, user.id, new Date())).toBe(true);
    expect((await settled("invitation.apply_role", { targetId: row.id })).entry).toMatchObject({
      outcome: "success",
    });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: row.id } })).roleAppliedAt).not.toBeNull();
  });

  it("apply_role not applied: failure, the step left for the next run", async () => {
    const { row, user } = await sent();
    notApplied(sim(), "account", "PATCH", `${USERS}${user.id}/`);
    await expect(applyRole(system, row, user.id, new Date())).rejects.toThrow(/It was not applied/);
    const { entry, after } = await settled("invitation.apply_role", { targetId: row.id });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after).toMatchObject({ roles: ["user"] });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: row.id } })).roleAppliedAt).toBeNull();
  });

  async function accepted() {
    const { row, user } = await sent();
    sim().acceptInvitation(row.ezeepInvitationId!);
    const groups = await ezeepFor(owner.organization).groups.all();
    const existing = new Map(groups.map((g) => [g.id, g.name]));
    const intended = groups.slice(0, 2).map((g) => g.id);
    const withGroups = await db.invitation.update({
      where: { id: row.id },
      data: { intendedGroupIds: JSON.stringify(intended) },
    });
    return { row: withGroups, user, existing, intended };
  }

  it("apply_groups applied, answer lost: the user's groups read back, settled as success", async () => {
    const { row, user, existing, intended } = await accepted();
    lose(sim(), "api", "PATCH", `/printing/v1/users/${user.id}/`);
    await applyGroups(system, row, user.id, existing, new Date());
    const { entry, after } = await settled("invitation.apply_groups", { targetId: row.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after!.groups).toEqual(expect.arrayContaining(intended.map((id) => existing.get(id))));
  });

  it("apply_groups not applied: failure with the user's unchanged groups", async () => {
    const { row, user, existing } = await accepted();
    notApplied(sim(), "api", "PATCH", `/printing/v1/users/${user.id}/`);
    await expect(applyGroups(system, row, user.id, existing, new Date())).rejects.toThrow(
      /It was not applied/,
    );
    const { entry, after } = await settled("invitation.apply_groups", { targetId: row.id });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after).toMatchObject({ groups: [] });
  });
});
