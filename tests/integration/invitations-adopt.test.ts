// Automatic reminders go only to invitations the portal sent, or ones found in ezeep that an
// admin adopted (audited), and never on the portal's first follow-up run.
import { beforeAll, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { DAY_MS } from "@/lib/invitations/config";
import { inviteMany, syncInvitations } from "@/lib/invitations/service";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/invitations/actions";

const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 8)}@adopt.example`;

describe("reminders and adoption", () => {
  const sim = useSimulator({ seed: "empty" });
  let admin: OrgContext;
  const sentAt = new Date(Date.now() - 4 * DAY_MS); // past the first reminder day (3)
  let portalEmail: string;
  let foundEmail: string;

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId, "Adopt Corp");
    admin = await contextFor(org, "admin");
    portalEmail = unique("portal");
    foundEmail = unique("found");
    const { results } = await inviteMany(admin, { emails: portalEmail, role: "user", groupIds: [] }, sentAt);
    expect(results[0].outcome).toBe("sent");
    // Sent from elsewhere (ezeep's own console) four days ago.
    await ezeepFor(org).invitations.create({
      email: foundEmail,
      expire_date: new Date(Date.now() + 10 * DAY_MS),
    });
  });

  const reminders = (email: string) =>
    db.invitation
      .findFirst({ where: { organizationId: admin.organization.id, email } })
      .then((r) => r!.reminderCount);

  it("sends no reminder on the portal's first run, even for an overdue portal invitation", async () => {
    const first = await syncInvitations(admin.organization, new Date());
    expect(first.imported).toContain(foundEmail);
    expect(first.reminded).toEqual([]);
    expect(await reminders(portalEmail)).toBe(0);
  });

  it("then reminds the portal's own invitation but not the one found in ezeep", async () => {
    const second = await syncInvitations(admin.organization, new Date());
    expect(second.reminded).toEqual([portalEmail]);
    expect(await reminders(foundEmail)).toBe(0);
    const found = await db.invitation.findFirst({ where: { email: foundEmail } });
    expect(found).toMatchObject({ origin: "ezeep", adoptedAt: null });
  });

  it("reminds a found invitation once an admin adopts it (audited); adopting twice is refused and audited", async () => {
    const row = await db.invitation.findFirst({ where: { email: foundEmail } });
    // ezeep reports its send time as `updated`: make it overdue for the schedule.
    await db.invitation.update({ where: { id: row!.id }, data: { sentAt: sentAt } });
    const adopt = actionRegistry.get("invitation.adopt")!;
    expect(await adopt.invoke(admin, { id: row!.id })).toMatchObject({
      ok: true,
      data: { canAdopt: false, adoptedAt: expect.any(Date) },
    });
    const entry = await db.auditEntry.findFirst({ where: { action: "invitation.adopt", targetId: row!.id } });
    expect(entry).toMatchObject({ outcome: "success", actorId: admin.actor.id });
    expect(JSON.parse(entry!.after!)).toMatchObject({ adopted: true });

    const again = await adopt.invoke(admin, { id: row!.id });
    expect(again).toMatchObject({ ok: false, error: "This invitation was already adopted." });
    expect(
      await db.auditEntry.count({
        where: { action: "invitation.adopt", targetId: row!.id, outcome: "failure" },
      }),
    ).toBe(1);

    const third = await syncInvitations(admin.organization, new Date());
    expect(third.reminded).toEqual([foundEmail]);
    expect(await reminders(foundEmail)).toBe(1);
  });

  it("refuses to adopt an invitation the portal sent itself", async () => {
    const row = await db.invitation.findFirst({ where: { email: portalEmail } });
    const result = await actionRegistry.get("invitation.adopt")!.invoke(admin, { id: row!.id });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/nothing to adopt/) });
  });
});
