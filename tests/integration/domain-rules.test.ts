// Domain rules against the simulator and a real database: preview, apply to existing users, the
// automatic path for new users from every source (accepted invitations, CSV imports, users made
// in ezeep's own console, seen by the job), add-only writes under the per-user lock, and audit.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { scanForNewUsers } from "@/lib/domain-rules/job";
import { createRule, listRules, ruleHistory, type RulePreview } from "@/lib/domain-rules/service";
import { createGroup } from "@/lib/groups/service";
import { syncInvitations } from "@/lib/invitations/service";
import { changeUserGroups } from "@/lib/memberships/service";
import { ezeepFor } from "@/lib/organizations/service";
import { invalidateDirectory } from "@/lib/users/directory";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/domain-rules/actions";
import "@/lib/invitations/actions";
import "@/lib/provisioning/actions";

const sim = useSimulator();
const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
const token = () => Math.random().toString(36).slice(2, 9);
const uniqueDomain = () => `d${token()}.example`;

testActionAuthorization(sim, {
  "domain_rule.preview": async (owner) => ({
    pattern: uniqueDomain(),
    groupIds: [(await createGroup(owner, { name: `Auth ${token()}`, description: "" })).id],
  }),
  "domain_rule.preview_saved": async (owner) => ({ id: (await ruleFor(owner)).id }),
  "domain_rule.create": async (owner) => ({
    pattern: uniqueDomain(),
    groupIds: [(await createGroup(owner, { name: `Auth ${token()}`, description: "" })).id],
  }),
  "domain_rule.update": async (owner) => {
    const rule = await ruleFor(owner);
    return { id: rule.id, pattern: `*.${uniqueDomain()}`, groupIds: rule.groups.map((g) => g.id) };
  },
  "domain_rule.delete": async (owner) => ({ id: (await ruleFor(owner)).id }),
  "domain_rule.apply_existing": async (owner) => {
    const rule = await ruleFor(owner);
    const user = await verifiedUser(owner, `auth@${rule.pattern}`);
    return { id: rule.id, userIds: [user] };
  },
});

async function ruleFor(owner: OrgContext) {
  const group = await createGroup(owner, { name: `Rule ${token()}`, description: "" });
  return createRule(owner, { pattern: uniqueDomain(), groupIds: [group.id], joinedAfter: null });
}

/** A user as ezeep's own console makes one: invited in ezeep, then accepted. Returns the user id. */
async function verifiedUser(ctx: OrgContext, email: string): Promise<string> {
  const inv = await ezeepFor(ctx.organization).invitations.create({
    email,
    expire_date: new Date(Date.now() + 86_400_000),
  });
  return sim().acceptInvitation(inv.id).id;
}

async function groupsOf(ctx: OrgContext, userId: string): Promise<string[]> {
  return (await ezeepFor(ctx.organization).printingUsers.get(userId)).groups.map((g) => g.group_id).sort();
}

describe("domain rules", () => {
  let admin: OrgContext;
  let other: OrgContext;
  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    admin = await contextFor(org, "admin", "rules-admin@test.example");
    other = await contextFor(org, "owner", "rules-owner@test.example");
  });
  beforeEach(() => {
    sim().faults.clear();
    sim().setLatency(0);
    invalidateDirectory(admin.organization.id);
  });

  const newGroup = async () => createGroup(admin, { name: `DR ${token()}`, description: "" });

  it("previews which existing users match and which groups each would get, then applies them in batches, adding only", async () => {
    const domain = uniqueDomain();
    const [a, b, keep] = [await newGroup(), await newGroup(), await newGroup()];
    const inA = await verifiedUser(admin, `in.a@${domain}`);
    const none = await verifiedUser(admin, `none@${domain}`);
    const sub = await verifiedUser(admin, `sub@eu.${domain}`);
    await ezeepFor(admin.organization).invitations.create({
      email: `invitee@${domain}`,
      expire_date: new Date(Date.now() + 86_400_000),
    });
    await changeUserGroups(admin, inA, { add: [a.id, keep.id] }, "membership.update");
    invalidateDirectory(admin.organization.id);

    const preview = await invoke("domain_rule.preview", admin, { pattern: domain, groupIds: [a.id, b.id] });
    expect(preview.ok, JSON.stringify(preview)).toBe(true);
    const data = (preview as { data: RulePreview }).data;
    const byEmail = Object.fromEntries(data.rows.map((r) => [r.email, [r.status, r.groupsToAdd.sort()]]));
    expect(byEmail).toEqual({
      [`in.a@${domain}`]: ["will_join", [b.name]],
      [`none@${domain}`]: ["will_join", [a.name, b.name].sort()],
      [`invitee@${domain}`]: ["not_yet_accepted", [a.name, b.name].sort()],
    });
    expect(data.userIdsToChange.sort()).toEqual([inA, none].sort());
    expect(await db.domainRule.count({ where: { pattern: domain } })).toBe(0); // preview saves nothing

    const wildcard = await invoke("domain_rule.preview", admin, { pattern: `*.${domain}`, groupIds: [a.id] });
    expect((wildcard as { data: RulePreview }).data.rows.map((r) => r.userId)).toEqual([sub]);

    const created = await invoke("domain_rule.create", admin, {
      pattern: ` @${domain.toUpperCase()} `,
      groupIds: [a.id, b.id],
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const ruleId = (created as { data: { id: string } }).data.id;
    const saved = (await invoke("domain_rule.preview_saved", admin, { id: ruleId })) as { data: RulePreview };
    const applied = await invoke("domain_rule.apply_existing", admin, {
      id: ruleId,
      userIds: saved.data.userIdsToChange,
    });
    expect(applied.ok, JSON.stringify(applied)).toBe(true);
    const results = (applied as { data: { results: { userId: string; outcome: string }[] } }).data.results;
    expect(results.map((r) => r.outcome)).toEqual(["added", "added"]);

    expect(await groupsOf(admin, inA)).toEqual([a.id, b.id, keep.id].sort()); // `keep` stays
    expect(await groupsOf(admin, none)).toEqual([a.id, b.id].sort());

    // A user who does not match the rule is refused on the server, whatever the page sent.
    const refused = await invoke("domain_rule.apply_existing", admin, { id: ruleId, userIds: [sub] });
    expect((refused as { data: { results: { outcome: string }[] } }).data.results[0].outcome).toBe("failed");
    expect(await groupsOf(admin, sub)).toEqual([]);

    const entries = await db.auditEntry.findMany({
      where: { action: "domain_rule.apply", targetId: { in: [inA, none] } },
    });
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.outcome).toBe("success");
      expect(JSON.parse(e.after!).reason).toEqual({
        source: "apply_existing",
        rules: [{ id: ruleId, pattern: domain }],
      });
    }
    const history = await ruleHistory(admin, ruleId);
    expect(history.map((h) => h.action).sort()).toEqual(
      [
        "domain_rule.apply",
        "domain_rule.apply",
        "domain_rule.apply_existing",
        "domain_rule.apply_existing",
        "domain_rule.create",
      ].sort(),
    );
    const rule = await db.domainRule.findUniqueOrThrow({ where: { id: ruleId } });
    expect(rule.usersAdded).toBe(2);
    expect(rule.lastAppliedAt).not.toBeNull();
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const group = await newGroup();
    const bad = await invoke("domain_rule.create", admin, { pattern: "not a domain", groupIds: [group.id] });
    expect(bad).toMatchObject({ ok: false });
    expect((bad as { error: string }).error).toMatch(/e-mail domain/);
    const gone = await invoke("domain_rule.create", admin, {
      pattern: uniqueDomain(),
      groupIds: ["no-such-group"],
    });
    expect(gone).toMatchObject({ ok: false, error: expect.stringMatching(/no longer exists/) });
    const badDate = await invoke("domain_rule.create", admin, {
      pattern: uniqueDomain(),
      groupIds: [group.id],
      joinedAfter: "soon",
    });
    expect(badDate).toMatchObject({ ok: false, error: "Enter the date as YYYY-MM-DD." });
  });

  it("shows counts and conflicts (two rules for one domain) on the rules page", async () => {
    const domain = uniqueDomain();
    const g = await newGroup();
    await verifiedUser(admin, `one@${domain}`);
    await verifiedUser(admin, `two@x.${domain}`);
    invalidateDirectory(admin.organization.id);
    const first = await createRule(admin, { pattern: domain, groupIds: [g.id], joinedAfter: null });
    const second = await createRule(admin, { pattern: domain, groupIds: [g.id], joinedAfter: null });
    const wild = await createRule(admin, { pattern: `*.${domain}`, groupIds: [g.id], joinedAfter: null });
    const { rules } = await listRules(admin);
    const find = (id: string) => rules.find((r) => r.id === id)!;
    expect(find(first.id)).toMatchObject({ usersMatched: 1, conflictsWith: [second.id], overlapsWith: [] });
    expect(find(wild.id)).toMatchObject({ usersMatched: 1, conflictsWith: [] });
  });

  it("applies to new users from every source once: accepted invitations, CSV imports and users made in ezeep (job)", async () => {
    const domain = uniqueDomain();
    const [g1, g2, imported] = [await newGroup(), await newGroup(), await newGroup()];
    const before = await verifiedUser(admin, `before@${domain}`); // exists before the rules are followed
    await createRule(admin, { pattern: domain, groupIds: [g1.id], joinedAfter: null });
    await createRule(admin, { pattern: `*.${domain}`, groupIds: [g2.id], joinedAfter: null });
    // Rules are followed from now on (other tests created rules earlier); the first scan records
    // the users who were there before as existing: they get nothing.
    await new Promise((r) => setTimeout(r, 20));
    await db.domainRuleTracking.update({
      where: { organizationId: admin.organization.id },
      data: { since: new Date(), baselinedAt: null },
    });
    await new Promise((r) => setTimeout(r, 20));
    await scanForNewUsers(admin.organization.id);
    expect(await groupsOf(admin, before)).toEqual([]);

    // 1. An invitation sent from the portal and accepted.
    const email = `invited@${domain}`;
    expect((await invoke("invitation.create", admin, { emails: email })).ok).toBe(true);
    const row = await db.invitation.findFirstOrThrow({ where: { email } });
    const invited = sim().acceptInvitation(row.ezeepInvitationId!).id;
    await syncInvitations(admin.organization, new Date());
    expect(await groupsOf(admin, invited)).toEqual([g1.id]);

    // 2. A user made in ezeep's console, seen by the job; a subdomain address gets the wildcard rule.
    const consoleUser = await verifiedUser(admin, `console@eu.${domain}`);
    await scanForNewUsers(admin.organization.id);
    expect(await groupsOf(admin, consoleUser)).toEqual([g2.id]);

    // 3. A CSV import that matches a user who joined after the rules: the import's group plus the rule's.
    const csvUser = await verifiedUser(admin, `csv@${domain}`);
    const csv = `group,email\n${imported.name},csv@${domain}`;
    const applied = await invoke("import.apply", admin, { csv, from: 0, to: 1 });
    expect(applied.ok, JSON.stringify(applied)).toBe(true);
    expect(await groupsOf(admin, csvUser)).toEqual([g1.id, imported.id].sort());

    // Each handled once: more scans and syncs write nothing more.
    const count = () =>
      db.auditEntry.count({ where: { action: "domain_rule.apply", organizationId: admin.organization.id } });
    const applications = await count();
    invalidateDirectory(admin.organization.id);
    await scanForNewUsers(admin.organization.id);
    await syncInvitations(admin.organization, new Date());
    expect(await count()).toBe(applications);
    expect(await groupsOf(admin, before)).toEqual([]);

    const sources = await db.auditEntry.findMany({
      where: { action: "domain_rule.apply", targetId: { in: [invited, consoleUser, csvUser] } },
    });
    expect(Object.fromEntries(sources.map((e) => [e.targetId, JSON.parse(e.after!).reason.source]))).toEqual({
      [invited]: "invitation",
      [consoleUser]: "ezeep",
      [csvUser]: "import",
    });
    expect(sources.every((e) => e.actorType === "system" && e.actorLabel === "Domain rules")).toBe(true);
  });

  it("keeps another admin's concurrent membership change (both under the per-user lock)", async () => {
    const domain = uniqueDomain();
    const [ruleGroup, manual] = [await newGroup(), await newGroup()];
    const user = await verifiedUser(admin, `race@${domain}`);
    invalidateDirectory(admin.organization.id);
    const rule = await createRule(admin, { pattern: domain, groupIds: [ruleGroup.id], joinedAfter: null });
    sim().setLatency(40);
    const [applied, changed] = await Promise.all([
      invoke("domain_rule.apply_existing", admin, { id: rule.id, userIds: [user] }),
      changeUserGroups(other, user, { add: [manual.id] }, "membership.update"),
    ]);
    expect(applied.ok).toBe(true);
    expect(changed.changed).toBe(true);
    expect(await groupsOf(admin, user)).toEqual([ruleGroup.id, manual.id].sort());
  });

  it("respects 'only users who join after' and records a failed write with its reason", async () => {
    const domain = uniqueDomain();
    const g = await newGroup();
    const early = await verifiedUser(admin, `early@${domain}`);
    invalidateDirectory(admin.organization.id);
    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const rule = await createRule(admin, {
      pattern: domain,
      groupIds: [g.id],
      joinedAfter: new Date(`${future}T00:00:00Z`),
    });
    const preview = (await invoke("domain_rule.preview_saved", admin, { id: rule.id })) as {
      data: RulePreview;
    };
    expect(preview.data.rows.map((r) => r.status)).toEqual(["joined_too_early"]);

    const open = await createRule(admin, { pattern: domain, groupIds: [g.id], joinedAfter: null });
    sim().faults.add({
      path: `/printing/v1/users/${early}/`,
      method: "PATCH",
      kind: "status",
      status: 500,
      times: 5,
    });
    const result = await invoke("domain_rule.apply_existing", admin, { id: open.id, userIds: [early] });
    expect((result as { data: { results: { outcome: string }[] } }).data.results[0].outcome).toBe("failed");
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { action: "domain_rule.apply", targetId: early },
    });
    expect(entry.outcome).toBe("failure");
    expect(await groupsOf(admin, early)).toEqual([]);
  });
});
