// A user change whose answer was lost (identity/role, printing settings, delete) is read back:
// applied → the "unknown" entry is settled as success with the observed state; not applied →
// settled as failure; a change only of a flag ezeep never reports → settled "unknown" at once.
// When ezeep cannot be read at once, the follow-up job settles it later.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { reconcileUnknownEntries } from "@/lib/audit/unknown";
import type { OrgContext } from "@/lib/auth/context";
import { addGroupsByRules } from "@/lib/domain-rules/apply";
import type { DomainRuleView } from "@/lib/domain-rules/rules";
import type { AccountUser } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { errorOf, invoke, lose, notApplied, settled } from "@/tests/helpers/reconcile";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/users/actions";

const sim = useSimulator();
let admin: OrgContext;
let users: AccountUser[];
let next = 0;
/** A different seeded non-admin user per test, so tests do not see each other's changes. */
const aUser = () => users[next++];

beforeAll(async () => {
  process.env.EZEEP_TIMEOUT_MS = "1000";
  const org = await portalOrganization(sim().organizationId);
  admin = await contextFor(org, "owner");
  users = (await ezeepFor(admin.organization).users.all()).filter(
    (u) => u.is_verified && !u.roles.includes("admin"),
  );
});
beforeEach(() => sim().faults.clear());

const USERS = "/v1/users/";
const PUSERS = "/printing/v1/users/";

describe("user.update", () => {
  it("applied, answer lost: success with the observed names and role", async () => {
    const user = aUser();
    lose(sim(), "account", "PATCH", `${USERS}${user.id}/`);
    const result = await invoke("user.update", admin, {
      id: user.id,
      firstName: "Reconciled",
      lastName: user.last_name ?? "",
      role: "admin",
    });
    expect(result, JSON.stringify(result)).toMatchObject({
      ok: true,
      data: { firstName: "Reconciled", role: "admin" },
    });
    const { entry, unknown, after } = await settled("user.update", { targetId: user.id });
    expect(unknown).toMatchObject({ outcome: "unknown", ezeepStatus: 504 });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after).toMatchObject({
      firstName: "Reconciled",
      role: "Admin",
      readBack: expect.stringMatching(/applied/),
    });
  });

  it("not applied: failure, ezeep's unchanged names on record", async () => {
    const user = aUser();
    notApplied(sim(), "account", "PATCH", `${USERS}${user.id}/`);
    const result = await invoke("user.update", admin, {
      id: user.id,
      firstName: "Never",
      lastName: user.last_name ?? "",
      role: "user",
    });
    expect(errorOf(result)).toMatch(/It was not applied/);
    const { entry, after } = await settled("user.update", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after).toMatchObject({ firstName: user.first_name, intended: { firstName: "Never" } });
    expect((await ezeepFor(admin.organization).users.get(user.id)).first_name).toBe(user.first_name);
  });
});

describe("user.update_printing", () => {
  it("applied, answer lost: success with the reported flag read back", async () => {
    const user = aUser();
    const now = await ezeepFor(admin.organization).printingUsers.get(user.id);
    const wanted = !now.local_printing_enabled;
    lose(sim(), "api", "PATCH", `${PUSERS}${user.id}/`);
    const result = await invoke("user.update_printing", admin, {
      id: user.id,
      local_printing_enabled: wanted,
    });
    expect(result, JSON.stringify(result)).toMatchObject({
      ok: true,
      data: { printing: { local_printing_enabled: wanted } },
    });
    const { entry, after } = await settled("user.update_printing", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after).toMatchObject({ local_printing_enabled: wanted ? "on" : "off" });
  });

  it("not applied: failure", async () => {
    const user = aUser();
    const now = await ezeepFor(admin.organization).printingUsers.get(user.id);
    notApplied(sim(), "api", "PATCH", `${PUSERS}${user.id}/`);
    const result = await invoke("user.update_printing", admin, {
      id: user.id,
      self_service_enabled: !now.self_service_enabled,
    });
    expect(errorOf(result)).toMatch(/It was not applied/);
    expect((await settled("user.update_printing", { targetId: user.id })).entry).toMatchObject({
      outcome: "failure",
    });
  });

  it("only pull printing (never reported by ezeep): settled unknown at once, saying why", async () => {
    const user = aUser();
    lose(sim(), "api", "PATCH", `${PUSERS}${user.id}/`);
    const result = await invoke("user.update_printing", admin, { id: user.id, pull_printing_enabled: true });
    expect(errorOf(result)).toMatch(
      /ezeep cannot show whether it was applied \(ezeep does not report pull_printing_enabled\)/,
    );
    const { entry, unknown, after } = await settled("user.update_printing", { targetId: user.id });
    expect(unknown).toMatchObject({ outcome: "unknown" });
    expect(entry).toMatchObject({ outcome: "unknown" });
    expect(after).toMatchObject({
      pull_printing_enabled: "not reported by ezeep",
      intended: { pull_printing_enabled: "on" },
    });
  });
});

describe("user.delete", () => {
  it("applied, answer lost: ezeep's 404 settles it as success", async () => {
    const user = aUser();
    lose(sim(), "account", "DELETE", `${USERS}${user.id}/`);
    const result = await invoke("user.delete", admin, { id: user.id });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { id: user.id } });
    const { entry, after } = await settled("user.delete", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after).toMatchObject({ found: expect.stringMatching(/404/) });
  });

  it("not applied: failure with the user still there", async () => {
    const user = aUser();
    notApplied(sim(), "account", "DELETE", `${USERS}${user.id}/`);
    const result = await invoke("user.delete", admin, { id: user.id });
    expect(errorOf(result)).toMatch(/It was not applied/);
    const { entry, after } = await settled("user.delete", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "failure" });
    expect(after).toMatchObject({ email: user.email });
  });

  it("ezeep unreadable at once: stays unknown, the follow-up settles it", async () => {
    const user = aUser();
    lose(sim(), "account", "DELETE", `${USERS}${user.id}/`, { kind: "timeout", delayMs: 5_000 });
    sim().resetStats();
    const pending = invoke("user.delete", admin, { id: user.id });
    // Once the DELETE has reached ezeep (and was applied), ezeep becomes unreadable for a while.
    while (!sim().stats().byRoute["DELETE /v1/users/:id/"]) await new Promise((r) => setTimeout(r, 10));
    sim().faults.add({ host: "account", method: "GET", path: USERS, kind: "status", status: 503, times: 50 });
    const result = await pending;
    expect(errorOf(result)).toMatch(/not known yet/);
    expect((await settled("user.delete", { targetId: user.id })).entry).toBeNull();
    sim().faults.clear();
    const summary = await reconcileUnknownEntries(admin.organization, { where: { action: "user.delete" } });
    expect(summary.applied).toBe(1);
    expect((await settled("user.delete", { targetId: user.id })).entry).toMatchObject({ outcome: "success" });
  });
});

describe("domain_rule.apply (a user's groups, written by a rule)", () => {
  async function ruleFor(userId: string): Promise<{ rule: DomainRuleView; names: Map<string, string> }> {
    const client = ezeepFor(admin.organization);
    const mine = (await client.printingUsers.get(userId)).groups.map((g) => g.group_id);
    const groups = await client.groups.all();
    const group = groups.find((g) => !mine.includes(g.id))!;
    const at = new Date();
    const rule: DomainRuleView = {
      id: "rule-reconcile",
      pattern: "*@acme.example",
      groups: [{ id: group.id, name: group.name }],
      joinedAfter: null,
      createdAt: at,
      updatedAt: at,
      lastAppliedAt: null,
      usersAdded: 0,
    } as DomainRuleView;
    return { rule, names: new Map(groups.map((g) => [g.id, g.name])) };
  }

  it("applied, answer lost: the user's groups read back, success", async () => {
    const user = aUser();
    const { rule, names } = await ruleFor(user.id);
    lose(sim(), "api", "PATCH", `${PUSERS}${user.id}/`);
    const result = await addGroupsByRules(admin, user, [rule], names, "test");
    expect(result).toMatchObject({ outcome: "added" });
    const { entry, after } = await settled("domain_rule.apply", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(after!.groupIds).toContain(rule.groups[0].id);
  });

  it("not applied: failure, the rule reports the user as failed", async () => {
    const user = aUser();
    const { rule, names } = await ruleFor(user.id);
    notApplied(sim(), "api", "PATCH", `${PUSERS}${user.id}/`);
    const result = await addGroupsByRules(admin, user, [rule], names, "test");
    expect(result).toMatchObject({ outcome: "failed", error: expect.stringMatching(/not applied/) });
    expect((await settled("domain_rule.apply", { targetId: user.id })).entry).toMatchObject({
      outcome: "failure",
    });
  });
});
