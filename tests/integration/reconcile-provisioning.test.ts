// Provisioning (CSV import, NDD) writes whose answer was lost, read back: invitations by e-mail
// (tracked with their intended groups; a retry sends none), users' groups (one person and a
// batch), NDD removals and withdrawals, an NDD user's new name.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { AccountUser, Group } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import {
  removeMemberships,
  withdrawInvitation,
  type Task,
  type UserOutcome,
} from "@/lib/provisioning/engine";
import { inviteBatch, inviteUser } from "@/lib/provisioning/engine/invitations";
import { addMemberships, addMembershipsLocked } from "@/lib/provisioning/engine/memberships";
import { upsertIdentities } from "@/lib/provisioning/ndd/identities";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { lose, notApplied, settled } from "@/tests/helpers/reconcile";
import { useSimulator } from "@/tests/helpers/simulator";

const sim = useSimulator();
let owner: OrgContext;
let users: AccountUser[];
let groups: Group[];
let next = 0;
const aUser = () => users[next++];
const unique = () => `prov.${Math.random().toString(36).slice(2, 9)}@newco.example`;
const INVITES = "/v1/userinvitations/";
const pusers = (id: string) => `/printing/v1/users/${id}/`;

beforeAll(async () => {
  process.env.EZEEP_TIMEOUT_MS = "1000";
  const org = await portalOrganization(sim().organizationId);
  owner = await contextFor(org, "owner");
  const client = ezeepFor(org);
  users = (await client.users.all()).filter((u) => u.is_verified);
  groups = await client.groups.all();
});
beforeEach(() => sim().faults.clear());

async function groupIdsOf(userId: string) {
  return (await ezeepFor(owner.organization).printingUsers.get(userId)).groups.map((g) => g.group_id);
}
/** A group the user is not in. */
async function newGroupFor(userId: string) {
  const mine = await groupIdsOf(userId);
  return groups.find((g) => !mine.includes(g.id))!.id;
}
const openInvitations = async (email: string) =>
  (await ezeepFor(owner.organization).invitations.all()).filter((i) => i.email === email);
const task = (email: string, userId: string | null, groupIds: string[]): Task => ({
  email,
  userId,
  action: userId ? "add" : "invite",
  groupIds,
  entries: [1],
});

describe("provisioning.invite", () => {
  it("applied, answer lost: tracked with its intended groups; a retry sends no second one", async () => {
    const email = unique();
    const intended = [groups[0].id];
    lose(sim(), "account", "POST", INVITES);
    expect(await inviteUser(owner, email, intended)).toBe("invited");
    sim().faults.clear();
    const row = await db.invitation.findFirstOrThrow({ where: { email, status: "pending" } });
    expect(JSON.parse(row.intendedGroupIds)).toEqual(intended);
    const { entry, after } = await settled("provisioning.invite", { targetLabel: email });
    expect(entry).toMatchObject({ outcome: "success", targetId: row.id });
    expect(after).toMatchObject({ invited: [email], notInvited: [] });
    expect(await inviteUser(owner, email, intended)).toBe("unchanged");
    expect(await openInvitations(email)).toHaveLength(1);
    expect(await db.invitation.count({ where: { email } })).toBe(1);
  });

  it("not applied: failure, nothing tracked", async () => {
    const email = unique();
    notApplied(sim(), "account", "POST", INVITES);
    await expect(inviteUser(owner, email, [])).rejects.toThrow(/It was not applied/);
    expect((await settled("provisioning.invite", { targetLabel: email })).entry).toMatchObject({
      outcome: "failure",
    });
    expect(await db.invitation.count({ where: { email } })).toBe(0);
  });

  it("a batch whose answers were lost: every invitation found and tracked, each person invited", async () => {
    const tasks = [task(unique(), null, [groups[1].id]), task(unique(), null, [])];
    const outcomes = new Map<string, UserOutcome>();
    lose(sim(), "account", "POST", INVITES);
    await inviteBatch(owner, tasks, (t, o) => outcomes.set(t.email, o));
    expect([...outcomes.values()]).toEqual(["invited", "invited"]);
    const { entry, after } = await settled("provisioning.invite", { targetLabel: "2 invitations" });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after!.invited).toEqual(expect.arrayContaining(tasks.map((t) => t.email)));
    const rows = await db.invitation.findMany({ where: { email: { in: tasks.map((t) => t.email) } } });
    expect(rows).toHaveLength(2);
  });
});

describe("provisioning.membership", () => {
  it("one person, applied, answer lost: success with the groups read back", async () => {
    const user = aUser();
    const group = await newGroupFor(user.id);
    lose(sim(), "api", "PATCH", pusers(user.id));
    expect(await addMemberships(owner, user.id, user.email, [group])).toBe("added");
    const { entry, after } = await settled("provisioning.membership", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after!.groups).toContain(group);
  });

  it("one person, not applied: failure", async () => {
    const user = aUser();
    const group = await newGroupFor(user.id);
    notApplied(sim(), "api", "PATCH", pusers(user.id));
    await expect(addMemberships(owner, user.id, user.email, [group])).rejects.toThrow(/It was not applied/);
    expect((await settled("provisioning.membership", { targetId: user.id })).entry).toMatchObject({
      outcome: "failure",
    });
    expect(await groupIdsOf(user.id)).not.toContain(group);
  });

  it("a batch with one answer lost: read back, every person added", async () => {
    const [a, b] = [aUser(), aUser()];
    const tasks = [
      task(a.email, a.id, [await newGroupFor(a.id)]),
      task(b.email, b.id, [await newGroupFor(b.id)]),
    ];
    lose(sim(), "api", "PATCH", pusers(b.id));
    const outcomes = new Map<string, UserOutcome>();
    await addMembershipsLocked(owner, tasks, users.length, (t, o) => outcomes.set(t.email, o));
    expect([...outcomes.values()]).toEqual(["added", "added"]);
    const { entry, after } = await settled("provisioning.membership", { targetLabel: "2 users" });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after!.users).toEqual([
      expect.objectContaining({ id: a.id, applied: true }),
      expect.objectContaining({ id: b.id, applied: true }),
    ]);
  });

  it("a batch whose lost write was not applied: failure naming who was not added", async () => {
    const [a, b] = [aUser(), aUser()];
    const tasks = [
      task(a.email, a.id, [await newGroupFor(a.id)]),
      task(b.email, b.id, [await newGroupFor(b.id)]),
    ];
    notApplied(sim(), "api", "PATCH", pusers(b.id));
    const outcomes = new Map<string, UserOutcome>();
    await addMembershipsLocked(owner, tasks, users.length, (t, o) => outcomes.set(t.email, o));
    expect(outcomes.get(a.email)).toBe("added");
    expect(outcomes.get(b.email)).toBe("failed");
    const { entry, after } = await settled("provisioning.membership", { targetLabel: "2 users" });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after!.users).toEqual([
      expect.objectContaining({ id: a.id, applied: true }),
      expect.objectContaining({ id: b.id, applied: false }),
    ]);
  });
});

describe("NDD", () => {
  const removal = (userId: string, email: string, groupId: string) => ({
    userId,
    email,
    groupIds: [groupId],
    action: "ndd.member_remove" as const,
    reason: "test",
  });

  it("member_remove applied, answer lost: the group is gone, success", async () => {
    const user = aUser();
    const [group] = await groupIdsOf(user.id);
    lose(sim(), "api", "PATCH", pusers(user.id));
    expect(await removeMemberships(owner, removal(user.id, user.email, group))).toBe(true);
    expect((await settled("ndd.member_remove", { targetId: user.id })).entry).toMatchObject({
      outcome: "success",
    });
    expect(await groupIdsOf(user.id)).not.toContain(group);
  });

  it("member_remove not applied: failure, still a member", async () => {
    const user = aUser();
    const [group] = await groupIdsOf(user.id);
    notApplied(sim(), "api", "PATCH", pusers(user.id));
    await expect(removeMemberships(owner, removal(user.id, user.email, group))).rejects.toThrow(
      /not applied/,
    );
    expect((await settled("ndd.member_remove", { targetId: user.id })).entry).toMatchObject({
      outcome: "failure",
    });
  });

  async function invitedUser() {
    const email = unique();
    await inviteUser(owner, email, []);
    const account = (await ezeepFor(owner.organization).users.all()).find((u) => u.email === email)!;
    return { email, account };
  }

  it("invitation_withdraw applied, answer lost: the user's 404, the invitation cancelled", async () => {
    const { email, account } = await invitedUser();
    lose(sim(), "account", "DELETE", `/v1/users/${account.id}/`);
    const input = { email, ezeepUserId: account.id, action: "ndd.invitation_withdraw" as const, reason: "t" };
    expect(await withdrawInvitation(owner, input)).toMatchObject({ withdrawn: true });
    expect((await settled("ndd.invitation_withdraw", { targetLabel: email })).entry).toMatchObject({
      outcome: "success",
    });
    expect(await db.invitation.findFirst({ where: { email } })).toMatchObject({ status: "cancelled" });
  });

  it("invitation_replace not applied: failure, the invitation stays", async () => {
    const { email, account } = await invitedUser();
    notApplied(sim(), "account", "DELETE", `/v1/users/${account.id}/`);
    const input = { email, ezeepUserId: account.id, action: "ndd.invitation_replace" as const, reason: "t" };
    await expect(withdrawInvitation(owner, input)).rejects.toThrow(/not applied/);
    expect((await settled("ndd.invitation_replace", { targetLabel: email })).entry).toMatchObject({
      outcome: "failure",
    });
    expect(await db.invitation.findFirst({ where: { email } })).toMatchObject({ status: "pending" });
  });

  async function activeIdentity(user: AccountUser) {
    const logon = `rec${Math.random().toString(36).slice(2, 8)}`;
    const key = `corp//${logon}`;
    await db.nddIdentity.create({
      data: {
        organizationId: owner.organization.id,
        clientKey: "client",
        domain: "corp",
        logon,
        userKey: key,
        name: `${user.first_name} ${user.last_name}`,
        email: user.email,
        state: "active",
        ezeepUserId: user.id,
        lastSeenAt: new Date(),
      },
    });
    return { ref: `corp\\${logon}`, key, domain: "corp", logon, email: user.email };
  }

  it("user_update applied, answer lost: the new name read back, success", async () => {
    const user = aUser();
    const nddUser = { ...(await activeIdentity(user)), name: "Renamed ByNdd" };
    lose(sim(), "account", "PATCH", `/v1/users/${user.id}/`);
    await upsertIdentities(owner, "client", [nddUser], new Date());
    const { entry, after } = await settled("ndd.user_update", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after).toMatchObject({ first_name: "Renamed", last_name: "ByNdd" });
  });

  it("user_update not applied: failure with ezeep's names", async () => {
    const user = aUser();
    const nddUser = { ...(await activeIdentity(user)), name: "Never Renamed" };
    notApplied(sim(), "account", "PATCH", `/v1/users/${user.id}/`);
    await expect(upsertIdentities(owner, "client", [nddUser], new Date())).rejects.toThrow(/not applied/);
    const { entry, after } = await settled("ndd.user_update", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after).toMatchObject({ first_name: user.first_name });
  });
});
