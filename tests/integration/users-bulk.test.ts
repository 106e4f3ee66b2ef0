// The users list's bulk removal from a group and bulk resend of invitations (lib/users/
// bulk-actions.ts): a result per user, each change its own audit entry, undo by re-adding.
import { describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createGroup } from "@/lib/groups/service";
import { inviteMany } from "@/lib/invitations/service";
import { bulkAddToGroup } from "@/lib/memberships/bulk";
import { ezeepFor } from "@/lib/organizations/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/memberships/actions";
import "@/lib/users/bulk-actions";

const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

async function verifiedUsers(owner: OrgContext, n: number): Promise<string[]> {
  const users = await ezeepFor(owner.organization).users.all();
  return users
    .filter((u) => u.is_verified)
    .slice(0, n)
    .map((u) => u.id);
}

async function groupWith(owner: OrgContext, userIds: string[]): Promise<string> {
  const group = await createGroup(owner, { name: unique("bulk"), description: "" });
  await bulkAddToGroup(owner, { groupId: group.id, userIds });
  return group.id;
}

/** An invitation sent two hours ago (past the resend cooldown); returns the invited user's id. */
async function invitee(owner: OrgContext): Promise<string> {
  const email = `bulk.${Math.random().toString(36).slice(2, 9)}@newco.example`;
  await inviteMany(
    owner,
    { emails: email, role: "user", groupIds: [] },
    new Date(Date.now() - 2 * 3_600_000),
  );
  const user = (await ezeepFor(owner.organization).users.all()).find((u) => u.email === email);
  if (!user) throw new Error("fixture invitee missing");
  return user.id;
}

describe("users list bulk actions", () => {
  const sim = useSimulator();

  testActionAuthorization(sim, {
    "membership.bulk_remove": async (owner) => {
      const ids = await verifiedUsers(owner, 2);
      return { groupId: await groupWith(owner, ids), userIds: ids };
    },
    "invitation.bulk_resend_users": async (owner) => ({ userIds: [await invitee(owner)] }),
  });

  it("removes the selection from a group with a result per user; undo adds exactly those back", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner-bulk@test.example");
    const [a, b, c] = await verifiedUsers(owner, 3);
    const groupId = await groupWith(owner, [a, b]);
    const pending = await invitee(owner);
    const result = await actionRegistry
      .get("membership.bulk_remove")!
      .invoke(owner, { groupId, userIds: [a, b, c, pending] });
    expect(result.ok).toBe(true);
    const outcomes = (result as { data: { results: { userId: string; outcome: string }[] } }).data.results;
    expect(Object.fromEntries(outcomes.map((r) => [r.userId, r.outcome]))).toEqual({
      [a]: "done",
      [b]: "done",
      [c]: "unchanged",
      [pending]: "skipped",
    });
    const members = async () =>
      (await ezeepFor(org).printingUsers.all())
        .filter((u) => u.groups.some((g) => g.group_id === groupId))
        .map((u) => u.id)
        .sort();
    expect(await members()).toEqual([]);
    expect(
      await db.auditEntry.count({
        where: { action: "membership.update", outcome: "success", targetId: { in: [a, b] } },
      }),
    ).toBeGreaterThanOrEqual(2);

    const undo = await actionRegistry.get("membership.bulk_add")!.invoke(owner, { groupId, userIds: [a, b] });
    expect(undo.ok).toBe(true);
    expect(await members()).toEqual([a, b].sort());
  });

  it("resends the invitations of selected invitees and skips people who signed up", async () => {
    const org = await portalOrganization(sim().organizationId);
    const admin = await contextFor(org, "admin", "admin-bulk@test.example");
    const pending = await invitee(admin);
    const [member] = await verifiedUsers(admin, 1);
    const result = await actionRegistry
      .get("invitation.bulk_resend_users")!
      .invoke(admin, { userIds: [pending, member] });
    const outcomes = (result as { data: { results: { userId: string; outcome: string }[] } }).data.results;
    expect(outcomes.map((r) => [r.userId, r.outcome])).toEqual([
      [pending, "done"],
      [member, "skipped"],
    ]);
    const sent = await db.auditEntry.findFirst({
      where: { action: "invitation.bulk_resend", outcome: "success", actorId: admin.actor.id },
    });
    expect(sent).not.toBeNull();
  });
});
