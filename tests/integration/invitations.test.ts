// Invitations below the UI: server action → service → ezeep (simulator, with faults) → database
// and audit log: inviting, the admin role, helpdesk limits, resending. The follow-up (sync,
// reminders, groups on acceptance) is in invitations-follow-up.test.ts.
import { beforeAll, describe, expect, it } from "vitest";

import { toActionError } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { EzeepError } from "@/lib/ezeep";
import { DAY_MS, nextReminderAt, parseReminderDays } from "@/lib/invitations/config";
import { parseAddressList } from "@/lib/invitations/schemas";
import { resendInvitation, syncInvitations } from "@/lib/invitations/service";
import {
  dataOf,
  errorOf,
  invitationsSuite,
  invoke,
  MIN,
  unique,
  type Row,
} from "@/tests/helpers/invitations";

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
  const { sim, fixture, row, userByEmail, ezeepInvitation } = invitationsSuite();
  let admin: OrgContext;
  let helpdesk: OrgContext;
  let groups: { id: string; name: string }[];
  beforeAll(() => {
    ({ admin, helpdesk, groups } = fixture());
  });

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
});
