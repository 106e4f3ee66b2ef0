// Invitations below the UI: server action → service → ezeep (simulator, with faults) → database
// and audit log; and the follow-up (syncInvitations) driven with chosen clocks.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry, toActionError } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { EzeepError } from "@/lib/ezeep";
import { DAY_MS, nextReminderAt, parseReminderDays } from "@/lib/invitations/config";
import { invitationFollowUpJob } from "@/lib/invitations/follow-up";
import { parseAddressList } from "@/lib/invitations/schemas";
import {
  bulkResend,
  inviteMany,
  resendInvitation,
  summarizeInvitations,
  syncInvitations,
} from "@/lib/invitations/service";
import { portalJobs } from "@/lib/jobs";
import { runJobOnce } from "@/lib/jobs/runner";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/invitations/actions";

/** Loosely typed result rows: the assertions below check their shape. */
type Row = { email?: string; input?: string; outcome?: string; message?: string; warning?: string };
type Data = { results: Row[]; sent?: number; ezeepError?: string };
type Result = { ok: true; data: Data } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };
const dataOf = (r: Result) => (r as { ok: true; data: Data }).data;
const errorOf = (r: Result) => (r as { ok: false; error: string }).error;
const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input) as Promise<Result>;
const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 8)}@newco.example`;
const MIN = 60_000;

describe("invitation addresses", () => {
  it("splits on commas, semicolons, spaces and lines, reads Name <address>, lower-cases, flags invalid and repeated ones", () => {
    const parsed = parseAddressList(
      'Ada@Example.com, bob@example.com;\n  not-an-address \n"Carl C" <carl@example.com>, Dana Doe <dana@example.com>\nada@example.com  x@y',
    );
    expect(parsed).toEqual([
      { input: "Ada@Example.com", email: "ada@example.com", problem: null },
      { input: "bob@example.com", email: "bob@example.com", problem: null },
      { input: "not-an-address", email: null, problem: "invalid" },
      { input: "carl@example.com", email: "carl@example.com", problem: null },
      { input: "dana@example.com", email: "dana@example.com", problem: null },
      { input: "ada@example.com", email: "ada@example.com", problem: "duplicate" },
      { input: "x@y", email: null, problem: "invalid" },
    ]);
  });

  it("plans reminders after 3 and 7 days, at most N, never two in a row after a late send", () => {
    const sentAt = new Date("2026-01-01T00:00:00Z");
    const s = { reminderDays: parseReminderDays("7, 3"), maxReminders: 2 };
    expect(s.reminderDays).toEqual([3, 7]);
    expect(nextReminderAt({ sentAt, reminderCount: 0, lastRemindedAt: null }, s)).toEqual(
      new Date(sentAt.getTime() + 3 * DAY_MS),
    );
    expect(
      nextReminderAt(
        { sentAt, reminderCount: 1, lastRemindedAt: new Date(sentAt.getTime() + 3 * DAY_MS) },
        s,
      ),
    ).toEqual(new Date(sentAt.getTime() + 7 * DAY_MS));
    // First reminder sent late (day 9): the second waits the 4-day gap.
    expect(
      nextReminderAt(
        { sentAt, reminderCount: 1, lastRemindedAt: new Date(sentAt.getTime() + 9 * DAY_MS) },
        s,
      ),
    ).toEqual(new Date(sentAt.getTime() + 13 * DAY_MS));
    expect(nextReminderAt({ sentAt, reminderCount: 2, lastRemindedAt: sentAt }, s)).toBeNull();
  });
});

describe("ezeep errors across bundle copies", () => {
  it("are recognised by instanceof even when thrown by another copy of lib/ezeep (job vs. action layer)", () => {
    class OtherCopy extends Error {
      constructor(message: string) {
        super(message);
        (this as unknown as Record<symbol, boolean>)[Symbol.for("ezeep-admin-portal.EzeepError")] = true;
      }
    }
    expect(new OtherCopy("x")).toBeInstanceOf(EzeepError);
    expect(new Error("x")).not.toBeInstanceOf(EzeepError);
    expect(
      toActionError(
        Object.assign(new OtherCopy("An open invitation for this email already exists."), {
          fieldErrors: {},
        }),
      ),
    ).toMatchObject({
      ok: false,
      error: "An open invitation for this email already exists.",
    });
  });
});

describe("invitations", () => {
  const sim = useSimulator();
  let admin: OrgContext;
  let helpdesk: OrgContext;
  let groups: { id: string; name: string }[];

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    admin = await contextFor(org, "admin");
    helpdesk = await contextFor(org, "helpdesk");
    groups = (await ezeepFor(org).groups.all()).map((g) => ({ id: g.id, name: g.name }));
  });
  beforeEach(() => sim().faults.clear());
  afterEach(() => {
    delete process.env.INVITATION_RESEND_COOLDOWN_MINUTES;
  });

  const row = (email: string) => db.invitation.findFirstOrThrow({ where: { email } });
  const userByEmail = async (email: string) =>
    (await ezeepFor(admin.organization).users.all()).find((u) => u.email === email);
  const ezeepInvitation = async (email: string) =>
    (await ezeepFor(admin.organization).invitations.all()).find((i) => i.email === email);

  it("invites several addresses at once and reports each one: sent, invalid, repeated, refused by ezeep — all audited", async () => {
    const a = unique("ann");
    const b = unique("ben");
    const result = await invoke("invitation.create", admin, {
      emails: `${a}, not-an-email\n${a.toUpperCase()}; new.hire@acme.example ${b}`,
      role: "user",
      groupIds: [groups[0].id, groups[1].id],
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const data = dataOf(result);
    expect(data.results.map((r: Row) => [r.email ?? r.input, r.outcome])).toEqual([
      [a, "sent"],
      ["not-an-email", "invalid"],
      [a, "duplicate"],
      ["new.hire@acme.example", "rejected"],
      [b, "sent"],
    ]);
    expect(data.results[3].message).toMatch(/open invitation/i);
    expect(data).toMatchObject({ sent: 2, notSent: 3 });

    const saved = await row(a);
    expect(saved).toMatchObject({
      status: "pending",
      origin: "portal",
      role: "user",
      invitedById: admin.actor.id,
      reminderCount: 0,
    });
    expect(JSON.parse(saved.intendedGroupIds)).toEqual([groups[0].id, groups[1].id]);
    const remote = await ezeepInvitation(a);
    expect(remote?.invitation_status).toBe("OPEN");
    expect(saved.ezeepInvitationId).toBe(remote!.id);
    expect(saved.expiresAt!.getTime()).toBe(new Date(remote!.expire_date!).getTime()); // ezeep's expiry
    expect(saved.expiresAt!.getTime() - Date.now()).toBeGreaterThan(13.9 * DAY_MS); // default 14 days

    const entries = await db.auditEntry.findMany({
      where: { action: "invitation.create", actorId: admin.actor.id },
      orderBy: { id: "asc" },
    });
    const mine = entries.slice(-5);
    expect(mine.map((e) => [e.targetLabel, e.outcome])).toEqual([
      [a, "success"],
      ["not-an-email", "failure"],
      [a.toUpperCase(), "failure"],
      ["new.hire@acme.example", "failure"],
      [b, "success"],
    ]);
    expect(mine[0].targetId).toBe(saved.id);
    expect(JSON.parse(mine[0].after!)).toMatchObject({
      email: a,
      role: "user",
      groups: [groups[0].name, groups[1].name],
      status: "pending",
    });
    expect(mine[1].error).toBe("invalid email address");
    expect(mine[2].error).toBe("duplicate address in the same request");
    expect(mine[3]).toMatchObject({ ezeepStatus: 400 });
    expect(await db.auditEntry.count({ where: { outcome: "pending" } })).toBe(0);
  });

  it("keeps going when ezeep fails for one address, and says which one was not sent", async () => {
    sim().faults.add({
      host: "account",
      method: "POST",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 500,
      times: 1,
    });
    const first = unique("fail");
    const second = unique("fine");
    const result = await invoke("invitation.create", admin, { emails: `${first} ${second}` });
    expect(result.ok).toBe(true);
    const data = dataOf(result);
    expect(data.results.map((r: Row) => r.outcome)).toEqual(["failed", "sent"]);
    expect(data.results[0].message).toMatch(/^Not sent: /);
    expect(await db.invitation.count({ where: { email: first } })).toBe(0);
    expect(await ezeepInvitation(first)).toBeUndefined(); // POST is not retried
    const failure = await db.auditEntry.findFirst({
      where: { action: "invitation.create", targetLabel: first },
    });
    expect(failure).toMatchObject({ outcome: "failure", ezeepStatus: 500 });
  });

  it("refuses unknown groups and an empty request before anything is sent", async () => {
    const email = unique("nogroup");
    const result = await invoke("invitation.create", admin, {
      emails: email,
      groupIds: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { groupIds: ["A chosen group no longer exists in ezeep."] },
    });
    expect(await ezeepInvitation(email)).toBeUndefined();
    expect(await invoke("invitation.create", admin, { emails: " ,; " })).toMatchObject({
      ok: false,
      fieldErrors: { emails: ["Enter at least one email address."] },
    });
    const many = Array.from({ length: 101 }, (_, i) => `p${i}@x.example`).join(",");
    expect(await invoke("invitation.create", admin, { emails: many })).toMatchObject({
      ok: false,
      fieldErrors: { emails: ["Invite at most 100 addresses at a time."] },
    });
  });

  it("sets the ezeep admin role on the invited user at once, audited", async () => {
    const email = unique("boss");
    const result = await invoke("invitation.create", admin, { emails: email, role: "admin" });
    expect(result).toMatchObject({ ok: true, data: { sent: 1 } });
    expect(dataOf(result).results[0].warning).toBeUndefined();
    const user = await userByEmail(email);
    expect(user).toMatchObject({ roles: ["admin"], is_verified: false });
    const saved = await row(email);
    expect(saved.ezeepUserId).toBe(user!.id);
    expect(saved.roleAppliedAt).not.toBeNull();
    const entry = await db.auditEntry.findFirst({
      where: { action: "invitation.apply_role", targetId: saved.id },
    });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(JSON.parse(entry!.before!)).toMatchObject({ roles: ["user"] });
    expect(JSON.parse(entry!.after!)).toMatchObject({ roles: ["admin"] });
  });

  it("retries the admin role in the follow-up when setting it failed right after sending", async () => {
    const email = unique("boss2");
    sim().faults.add({
      host: "account",
      method: "PATCH",
      path: "re:^/v1/users/[^/]+/?$",
      kind: "status",
      status: 500,
    });
    const result = await invoke("invitation.create", admin, { emails: email, role: "admin" });
    expect(result).toMatchObject({ ok: true, data: { sent: 1 } });
    expect(dataOf(result).results[0].warning).toMatch(/admin role could not be set yet/);
    expect((await row(email)).roleAppliedAt).toBeNull();
    sim().faults.clear();
    const summary = await syncInvitations(admin.organization, new Date());
    expect(summary.rolesApplied).toContain(email);
    expect((await userByEmail(email))?.roles).toEqual(["admin"]);
    expect(
      await db.auditEntry.count({
        where: { action: "invitation.apply_role", targetLabel: email, outcome: "failure" },
      }),
    ).toBeGreaterThan(0);
  });

  it("lets helpdesk invite users, but not choose the admin role or groups (refusals audited)", async () => {
    const ok = await invoke("invitation.create", helpdesk, { emails: unique("hd") });
    expect(ok).toMatchObject({ ok: true, data: { sent: 1 } });
    const asAdmin = unique("hdadmin");
    expect(await invoke("invitation.create", helpdesk, { emails: asAdmin, role: "admin" })).toMatchObject({
      ok: false,
      fieldErrors: { role: ["Your role may invite people as users only."] },
    });
    const withGroups = unique("hdgroups");
    expect(
      await invoke("invitation.create", helpdesk, { emails: withGroups, groupIds: [groups[0].id] }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { groupIds: ["Your role may not choose groups."] },
    });
    expect(await ezeepInvitation(asAdmin)).toBeUndefined();
    expect(await ezeepInvitation(withGroups)).toBeUndefined();
    const refusals = await db.auditEntry.findMany({
      where: { action: "invitation.create", actorId: helpdesk.actor.id, outcome: "failure" },
    });
    expect(refusals.map((e) => e.error)).toEqual([
      "permission denied: inviting as ezeep admin needs users.write",
      "permission denied: choosing groups needs memberships.write",
    ]);
  });

  it("resends with a cooldown enforced on the server, and counts and audits each send", async () => {
    const email = unique("cool");
    await invoke("invitation.create", admin, { emails: email });
    const saved = await row(email);
    const early = await invoke("invitation.resend", admin, { id: saved.id });
    expect(early).toMatchObject({ ok: false });
    expect(errorOf(early)).toMatch(/was sent just now\. You can resend it in 60 minutes\./);
    const refused = await db.auditEntry.findFirst({
      where: { action: "invitation.resend", targetId: saved.id },
    });
    expect(refused).toMatchObject({ outcome: "failure" });

    const later = new Date(saved.sentAt.getTime() + 61 * MIN);
    const view = await resendInvitation(admin, { id: saved.id }, later);
    expect(view).toMatchObject({ reminderCount: 1, status: "pending" });
    expect(view.lastRemindedAt).toEqual(later);
    await expect(
      resendInvitation(admin, { id: saved.id }, new Date(later.getTime() + 10 * MIN)),
    ).rejects.toThrow(/sent 10 minutes ago\. You can resend it in 50 minutes/);

    // ezeep failing: audited as failed, and the send is not counted.
    sim().faults.add({
      host: "account",
      method: "PATCH",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 500,
    });
    await expect(
      resendInvitation(admin, { id: saved.id }, new Date(later.getTime() + 2 * 60 * MIN)),
    ).rejects.toMatchObject({ status: 500 });
    expect((await row(email)).reminderCount).toBe(1);
    const entries = await db.auditEntry.findMany({
      where: { action: "invitation.resend", targetId: saved.id },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => e.outcome)).toEqual(["failure", "success", "failure", "failure"]);
    expect(JSON.parse(entries[1].before!)).toMatchObject({ reminderCount: 0 });
    expect(JSON.parse(entries[1].after!)).toMatchObject({ reminderCount: 1 });
    expect(entries[3]).toMatchObject({ ezeepStatus: 500 });
  });

  it("bulk-resends pending and expired invitations with a result per invitation; a resend revives an expired one", async () => {
    process.env.INVITATION_RESEND_COOLDOWN_MINUTES = "0";
    await syncInvitations(admin.organization, new Date()); // imports the seeded ones
    const expired = await row("old.invite@acme.example");
    expect(expired).toMatchObject({ status: "expired", origin: "ezeep" });
    const email = unique("bulk");
    await invoke("invitation.create", admin, { emails: email });
    const pending = await row(email);
    const accepted = unique("acc");
    await invoke("invitation.create", admin, { emails: accepted });
    const acceptedRow = await row(accepted);
    sim().acceptInvitation(acceptedRow.ezeepInvitationId!);
    await syncInvitations(admin.organization, new Date());

    const result = await invoke("invitation.bulk_resend", admin, {
      ids: [expired.id, pending.id, acceptedRow.id],
    });
    expect(result.ok).toBe(true);
    expect(dataOf(result).results.map((r: Row) => [r.email, r.outcome])).toEqual([
      ["old.invite@acme.example", "sent"],
      [email, "sent"],
      [accepted, "skipped"],
    ]);
    expect(dataOf(result).results[2].message).toBe("This invitation was already accepted.");
    const revived = await row("old.invite@acme.example");
    expect(revived.status).toBe("pending");
    expect(revived.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * DAY_MS);
    const entries = await db.auditEntry.findMany({
      where: { action: "invitation.bulk_resend", targetId: { in: [expired.id, pending.id, acceptedRow.id] } },
    });
    expect(entries.map((e) => [e.targetLabel, e.outcome]).sort()).toEqual(
      [
        ["old.invite@acme.example", "success"],
        [email, "success"],
        [accepted, "failure"],
      ].sort(),
    );
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
