// The invitation follow-up (syncInvitations) driven with chosen clocks: importing from ezeep,
// groups applied on acceptance, reminders and expiry, withdrawn users, ezeep outages, the job
// lease, and concurrent resends.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { DAY_MS } from "@/lib/invitations/config";
import { invitationFollowUpJob } from "@/lib/invitations/follow-up";
import { bulkResend, inviteMany, summarizeInvitations, syncInvitations } from "@/lib/invitations/service";
import { portalJobs } from "@/lib/jobs";
import { runJobOnce } from "@/lib/jobs/runner";
import { ezeepFor } from "@/lib/organizations/service";
import { getDirectory } from "@/lib/users/directory";
import { invitationsSuite, invoke, MIN, unique } from "@/tests/helpers/invitations";

describe("invitation follow-up", () => {
  const { sim, fixture, row, userByEmail } = invitationsSuite();
  let admin: OrgContext;
  let groups: { id: string; name: string }[];
  beforeAll(() => {
    ({ admin, groups } = fixture());
  });

  it("imports invitations found in ezeep, and a second run changes nothing", async () => {
    const first = await syncInvitations(admin.organization, new Date());
    expect(first.ezeepError).toBeNull();
    const imported = await db.invitation.findMany({ where: { origin: "ezeep" } });
    expect(imported.map((r) => r.email)).toEqual(
      expect.arrayContaining([
        "new.hire@acme.example",
        "contractor.jane@acme.example",
        "intern.max@acme.example",
      ]),
    );
    const remote = await ezeepFor(admin.organization).invitations.all();
    expect(await db.invitation.count({ where: { organizationId: admin.organization.id } })).toBe(
      remote.length,
    );
    const auditBefore = await db.auditEntry.count();
    const second = await syncInvitations(admin.organization, new Date());
    expect(second).toMatchObject({
      imported: [],
      accepted: [],
      expired: [],
      revived: [],
      withdrawn: [],
      reminded: [],
      groupsApplied: [],
    });
    expect(await db.auditEntry.count()).toBe(auditBefore); // a run without changes leaves no entry
  });

  it("applies the intended groups once the invitation is accepted: the union with existing groups, once, as system", async () => {
    const email = unique("joiner");
    await invoke("invitation.create", admin, { emails: email, groupIds: [groups[0].id, groups[1].id] });
    const saved = await row(email);
    const user = sim().acceptInvitation(saved.ezeepInvitationId!);
    // Someone put the new user into another group meanwhile: it must be kept.
    await ezeepFor(admin.organization).printingUsers.setGroups(user.id, [groups[2].id]);

    const summary = await syncInvitations(admin.organization, new Date());
    expect(summary.accepted).toContain(email);
    expect(summary.groupsApplied).toContain(email);
    const after = await ezeepFor(admin.organization).printingUsers.get(user.id);
    expect(after.groups.map((g) => g.group_id).sort()).toEqual(
      [groups[0].id, groups[1].id, groups[2].id].sort(),
    );
    const applied = await row(email);
    expect(applied).toMatchObject({ status: "accepted", ezeepUserId: user.id });
    expect(applied.acceptedAt).not.toBeNull();
    expect(applied.groupsAppliedAt).not.toBeNull();

    const entries = await db.auditEntry.findMany({
      where: { action: "invitation.apply_groups", targetId: saved.id },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: "system", outcome: "success" });
    expect(JSON.parse(entries[0].before!)).toMatchObject({ groups: [groups[2].name] });
    expect(JSON.parse(entries[0].after!).groups.sort()).toEqual(
      [groups[0].name, groups[1].name, groups[2].name].sort(),
    );

    // Idempotent: later runs do not touch the membership again, even if it changed since.
    await ezeepFor(admin.organization).printingUsers.setGroups(user.id, []);
    await syncInvitations(admin.organization, new Date());
    expect(
      await db.auditEntry.count({ where: { action: "invitation.apply_groups", targetId: saved.id } }),
    ).toBe(1);
    expect((await ezeepFor(admin.organization).printingUsers.get(user.id)).groups).toEqual([]);
    const sync = await db.auditEntry.findFirst({
      where: { action: "invitation.sync", actorType: "system" },
      orderBy: { id: "desc" },
    });
    expect(sync).toBeTruthy();
  });

  it("finds an accepted invitee through the users directory: one read of that user, no pass over every user", async () => {
    const email = unique("direct");
    await invoke("invitation.create", admin, { emails: email, groupIds: [groups[0].id] });
    const saved = await row(email);
    await getDirectory(admin, { refresh: true }); // the shared directory knows the invitee now
    const user = sim().acceptInvitation(saved.ezeepInvitationId!);

    sim().resetStats();
    const summary = await syncInvitations(admin.organization, new Date());
    expect(summary.groupsApplied).toContain(email);
    expect(await row(email)).toMatchObject({ status: "accepted", ezeepUserId: user.id });
    const routes = sim().stats().byRoute;
    expect(routes["GET /v1/users/"]).toBeUndefined();
    expect(routes["GET /v1/users/:id/"]).toBe(1);
  });

  it("when the directory names someone else for the address, the pass over every user finds the invitee", async () => {
    const email = unique("stale");
    await invoke("invitation.create", admin, { emails: email, groupIds: [groups[1].id] });
    const saved = await row(email);
    const user = sim().acceptInvitation(saved.ezeepInvitationId!);
    const other = (await ezeepFor(admin.organization).users.all()).find((u) => u.id !== user.id)!;
    // A directory row of another user that (wrongly) carries the invitee's address.
    await db.directoryEntry.updateMany({
      where: { organizationId: admin.organization.id, kind: "user", id: other.id },
      data: { data: JSON.stringify({ ...other, email }) },
    });

    sim().resetStats();
    const summary = await syncInvitations(admin.organization, new Date());
    expect(summary.groupsApplied).toContain(email);
    expect(await row(email)).toMatchObject({ status: "accepted", ezeepUserId: user.id });
    expect(sim().stats().byRoute["GET /v1/users/"]).toBeGreaterThan(0); // the pass over every user
    await getDirectory(admin, { refresh: true });
  });

  it("retries applying groups when ezeep fails, and skips groups deleted since the invitation", async () => {
    const email = unique("retry");
    const doomed = await ezeepFor(admin.organization).groups.create({ name: `Doomed ${Math.random()}` });
    await invoke("invitation.create", admin, { emails: email, groupIds: [groups[3].id, doomed.id] });
    const saved = await row(email);
    const user = sim().acceptInvitation(saved.ezeepInvitationId!);
    await ezeepFor(admin.organization).groups.delete(doomed.id);

    sim().faults.add({
      host: "api",
      method: "PATCH",
      path: "/printing/v1/users/",
      kind: "status",
      status: 500,
    });
    const failed = await syncInvitations(admin.organization, new Date());
    expect(failed.errors.join(" ")).toMatch(new RegExp(`${email.replace(/\./g, "\\.")}: groups not applied`));
    expect((await row(email)).groupsAppliedAt).toBeNull();
    expect(
      await db.auditEntry.findFirst({ where: { action: "invitation.apply_groups", targetId: saved.id } }),
    ).toMatchObject({ outcome: "failure", ezeepStatus: 500 });

    sim().faults.clear();
    await syncInvitations(admin.organization, new Date());
    expect(
      (await ezeepFor(admin.organization).printingUsers.get(user.id)).groups.map((g) => g.group_id),
    ).toEqual([groups[3].id]);
    const done = await db.auditEntry.findFirst({
      where: { action: "invitation.apply_groups", targetId: saved.id, outcome: "success" },
    });
    expect(JSON.parse(done!.after!)).toMatchObject({ skippedDeletedGroups: [doomed.id] });
    expect((await row(email)).groupsAppliedAt).not.toBeNull();
  });

  it("sends reminders on the schedule (3 and 7 days, at most 2) as system, marks expiry, and is idempotent per clock", async () => {
    const t0 = new Date();
    const email = unique("remind");
    await inviteMany(admin, { emails: email, role: "user", groupIds: [] }, t0);
    const at = (days: number) => new Date(t0.getTime() + days * DAY_MS + MIN);
    const reminders = async () => (await row(email)).reminderCount;

    expect((await syncInvitations(admin.organization, at(1))).reminded).not.toContain(email);
    expect((await syncInvitations(admin.organization, at(3))).reminded).toContain(email);
    expect(await reminders()).toBe(1);
    expect((await syncInvitations(admin.organization, at(3))).reminded).not.toContain(email); // same clock: nothing again
    expect((await syncInvitations(admin.organization, at(5))).reminded).not.toContain(email);
    expect((await syncInvitations(admin.organization, at(7))).reminded).toContain(email);
    expect((await syncInvitations(admin.organization, at(12))).reminded).not.toContain(email); // at most 2
    expect(await reminders()).toBe(2);
    const entries = await db.auditEntry.findMany({
      where: { action: "invitation.resend", targetLabel: email },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.actorType, e.actorLabel, e.outcome])).toEqual([
      ["system", "Invitation follow-up", "success"],
      ["system", "Invitation follow-up", "success"],
    ]);
    expect(JSON.parse(entries[1].after!)).toMatchObject({ reminder: 2, reminderCount: 2 });

    // Past ezeep's expiry by our clock: expired, counted on the card, never reminded.
    const expiry = (await row(email)).expiresAt!;
    const late = new Date(expiry.getTime() + MIN);
    const summary = await syncInvitations(admin.organization, late);
    expect(summary.expired).toContain(email);
    expect((await row(email)).status).toBe("expired");
    const card = await summarizeInvitations(admin, late);
    expect(card.expired).toBeGreaterThan(0);
    expect(card.lastSyncAt).toEqual(late);
  });

  it("marks invitations whose user was deleted in ezeep as withdrawn", async () => {
    const email = unique("gone");
    await invoke("invitation.create", admin, { emails: email });
    const user = await userByEmail(email);
    await ezeepFor(admin.organization).users.delete(user!.id);
    const summary = await syncInvitations(admin.organization, new Date());
    expect(summary.withdrawn).toContain(email);
    expect((await row(email)).status).toBe("cancelled");
    process.env.INVITATION_RESEND_COOLDOWN_MINUTES = "0";
    expect(await invoke("invitation.resend", admin, { id: (await row(email)).id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no longer exists in ezeep/),
    });
  });

  it("when ezeep's list fails: expires by the clock alone, audits the failure once an hour, and a person's sync always", async () => {
    const email = unique("outage");
    await invoke("invitation.create", admin, { emails: email });
    const expiry = (await row(email)).expiresAt!;
    sim().faults.add({
      host: "account",
      method: "GET",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 503,
    });
    const late = new Date(expiry.getTime() + MIN);
    const failed = await syncInvitations(admin.organization, late);
    expect(failed.ezeepError).toBeTruthy();
    expect(failed.expired).toContain(email);
    const failures = () => db.auditEntry.count({ where: { action: "invitation.sync", outcome: "failure" } });
    const n = await failures();
    expect(n).toBeGreaterThan(0);
    await syncInvitations(admin.organization, new Date(late.getTime() + 5 * MIN));
    expect(await failures()).toBe(n); // the same failure again within the hour: not repeated
    const manual = await invoke("invitation.sync", admin, {});
    expect(manual).toMatchObject({ ok: true, data: { ezeepError: expect.any(String) } });
    expect(await failures()).toBe(n + 1);
    const state = await db.invitationSyncState.findUnique({
      where: { organizationId: admin.organization.id },
    });
    expect(state?.lastError).toBeTruthy();
  });

  it("runs as a background job with a database lease: two instances at once do the work once", async () => {
    expect(portalJobs().map((j) => j.name)).toContain("invitation-follow-up");
    const email = unique("lease");
    await inviteMany(admin, { emails: email, role: "user", groupIds: [] }, new Date(Date.now() - 4 * DAY_MS)); // a reminder is due
    const [a, b] = await Promise.all([
      runJobOnce(invitationFollowUpJob, "instance-a"),
      runJobOnce(invitationFollowUpJob, "instance-b"),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await row(email)).reminderCount).toBe(1);
    expect(
      await db.auditEntry.count({
        where: { action: "invitation.resend", targetLabel: email, outcome: "success" },
      }),
    ).toBe(1);
    // The next tick (lease released) finds nothing more to do for it.
    expect(await runJobOnce(invitationFollowUpJob, "instance-b")).toBe(true);
    expect((await row(email)).reminderCount).toBe(1);
  });

  it("reports concurrent resends of one invitation as one send", async () => {
    // With the cooldown on and the last send long ago, exactly one of three resends may go out,
    // however the three overlap (on PostgreSQL they may not overlap at all).
    process.env.INVITATION_RESEND_COOLDOWN_MINUTES = "60";
    const email = unique("race");
    await invoke("invitation.create", admin, { emails: email });
    const saved = await row(email);
    const longAgo = new Date(Date.now() - 3 * 3_600_000);
    await db.invitation.update({ where: { id: saved.id }, data: { sentAt: longAgo, lastRemindedAt: null } });
    const results = await Promise.all(
      [1, 2, 3].map(() => invoke("invitation.resend", admin, { id: saved.id })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await row(email)).reminderCount).toBe(1);
    process.env.INVITATION_RESEND_COOLDOWN_MINUTES = "0";
    const resent = await bulkResend(admin, { ids: [saved.id] });
    expect(resent.sent).toBe(1);
  });
});
