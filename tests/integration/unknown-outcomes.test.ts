// A write whose answer never came (timeout, dropped connection, 502/503/504) is "unknown", not
// "failed": its entry is completed "unknown" (append-only), the portal reads ezeep back at once
// and appends a settling entry (reconcilesId → the unknown one) with what it found; entries it
// cannot decide yet are settled by the follow-up job; a retried create never makes a second object. Each write kind runs with the simulator's "apply, then fail the answer".
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { reconcileUnknownEntries } from "@/lib/audit/unknown";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { isUnknownOutcome, type Group } from "@/lib/ezeep";
import type { FaultRule } from "@/lib/ezeep-simulator";
import { followUpAllOrganizations } from "@/lib/invitations/follow-up";
import { ezeepFor } from "@/lib/organizations/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/groups/actions";
import "@/lib/invitations/actions";
import "@/lib/memberships/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
type Result = Awaited<ReturnType<typeof invoke>>;
const errorOf = (r: Result) => (r as { ok: false; error: string }).error;
const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
const PGROUPS = "/printing/v1/groups/";
/** Every lost-answer kind the simulator offers, applied after the write. */
const LOST: [string, Partial<FaultRule>][] = [
  ["timeout", { kind: "timeout", delayMs: 5_000 }],
  ["dropped connection", { kind: "reset" }],
  ["502", { kind: "status", status: 502 }],
  ["503", { kind: "status", status: 503 }],
  ["504", { kind: "status", status: 504 }],
];

const sim = useSimulator();
let admin: OrgContext;

beforeAll(async () => {
  process.env.EZEEP_TIMEOUT_MS = "1000"; // the "timeout" fault holds the answer longer than this
  const org = await portalOrganization(sim().organizationId);
  admin = await contextFor(org, "admin");
});
beforeEach(() => sim().faults.clear());

const lose = (method: string, path: string, fault: Partial<FaultRule>) =>
  sim().faults.add({ host: "api", method, path, kind: "status", ...fault, afterApply: true, times: 10 });

async function groupsNamed(name: string): Promise<Group[]> {
  return (await ezeepFor(admin.organization).groups.all()).filter((g) => g.name === name);
}
async function lastEntry(action: string, where: Record<string, unknown> = {}) {
  return db.auditEntry.findFirst({ where: { action, ...where }, orderBy: { id: "desc" } });
}
/** The last entry of `action` and, when it settles an unknown one, that unknown entry. */
async function settled(action: string, where: Record<string, unknown> = {}) {
  const entry = await lastEntry(action, where);
  const unknown = entry?.reconcilesId
    ? await db.auditEntry.findUnique({ where: { id: entry.reconcilesId } })
    : null;
  return { entry, unknown };
}

describe("classification", () => {
  it("calls a lost answer to a write unknown, and a refused or unsent one a failure", async () => {
    const client = ezeepFor(admin.organization);
    lose("POST", PGROUPS, { kind: "status", status: 504 });
    const lost = await client.groups
      .create({ name: unique("Lost"), organization_id: sim().organizationId })
      .catch((e) => e);
    expect(isUnknownOutcome(lost)).toBe(true);
    expect(lost.message).toMatch(/may have been applied/);
    sim().faults.clear();
    sim().faults.add({ host: "api", method: "POST", path: PGROUPS, kind: "status", status: 500 });
    expect(isUnknownOutcome(await client.groups.create({ name: unique("No") }).catch((e) => e))).toBe(false);
    sim().faults.clear();
    sim().faults.add({ host: "api", method: "GET", path: PGROUPS, kind: "status", status: 504, times: 10 });
    expect(isUnknownOutcome(await client.groups.all().catch((e) => e))).toBe(false); // a read changes nothing
  });
});

describe.each(["unique", "duplicates-allowed"] as const)("group names %s", (groupNames) => {
  beforeAll(() => {
    sim().setBehaviour({ groupNames });
  });

  it.each(LOST)(
    "create whose answer is lost (%s): one group, entry completed as applied",
    async (_k, fault) => {
      const name = unique("Created");
      lose("POST", PGROUPS, fault);
      const result = await invoke("group.create", admin, { name, description: "" });
      sim().faults.clear();
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { name } });
      expect(await groupsNamed(name)).toHaveLength(1);
      const { entry, unknown } = await settled("group.create", { targetLabel: name });
      expect(entry).toMatchObject({ outcome: "success", targetId: (await groupsNamed(name))[0].id });
      expect(JSON.parse(entry!.after!).readBack).toMatch(/did not answer.*applied/);
      expect(unknown).toMatchObject({
        outcome: "unknown",
        error: expect.stringMatching(/^ezeep did not answer/),
      });
      expect(unknown!.completionHash).not.toBeNull();
    },
  );

  it("a retry after an answer lost while ezeep could not be read creates nothing more", async () => {
    const name = unique("Retried");
    lose("POST", PGROUPS, { kind: "timeout", delayMs: 5_000 });
    sim().resetStats();
    const pending = invoke("group.create", admin, { name, description: "" });
    // Once the POST has reached ezeep (and was applied), ezeep becomes unreadable for a while.
    while (!sim().stats().byRoute["POST /printing/v1/groups/"]) await new Promise((r) => setTimeout(r, 10));
    sim().faults.add({ host: "api", method: "GET", path: PGROUPS, kind: "status", status: 503, times: 8 });
    const first = await pending;
    sim().faults.clear();
    expect(errorOf(first)).toMatch(
      /^ezeep did not answer; checking whether the change was applied… .*not known yet/,
    );
    expect(await lastEntry("group.create", { targetLabel: name })).toMatchObject({ outcome: "unknown" });

    const retry = await invoke("group.create", admin, { name, description: "" });
    expect(retry, JSON.stringify(retry)).toMatchObject({ ok: true, data: { name } });
    expect(await groupsNamed(name)).toHaveLength(1);
    const entries = await db.auditEntry.findMany({
      where: { action: "group.create", targetLabel: name },
      orderBy: { id: "asc" },
    });
    // The first attempt, unknown, and the entry that settled it before the retry created nothing.
    expect(entries.map((e) => e.outcome)).toEqual(["unknown", "success"]);
    expect(entries[1].reconcilesId).toBe(entries[0].id);
    // A plain second create of a taken name is refused (and audited), never a duplicate.
    const again = await invoke("group.create", admin, { name, description: "" });
    expect(errorOf(again)).toMatch(/already exists/);
    expect(await groupsNamed(name)).toHaveLength(1);
    expect(await lastEntry("group.create", { targetLabel: name })).toMatchObject({ outcome: "failure" });
  });
});

describe("other write kinds, applied then the answer lost", () => {
  it("update: read back by id, the entry shows the observed group", async () => {
    const group = (await invoke("group.create", admin, { name: unique("Upd"), description: "" })) as {
      data: { id: string; name: string };
    };
    const name = unique("Renamed");
    lose("PATCH", `${PGROUPS}${group.data.id}/`, { kind: "reset" });
    const result = await invoke("group.update", admin, { id: group.data.id, name, description: "new" });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { name, description: "new" } });
    const entry = await lastEntry("group.update", { targetId: group.data.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(JSON.parse(entry!.after!)).toMatchObject({ name, description: "new" });
  });

  it("delete: a retried DELETE meeting its own 404 is read back as deleted, not failed", async () => {
    const group = (await invoke("group.create", admin, { name: unique("Del"), description: "" })) as {
      data: { id: string };
    };
    lose("DELETE", `${PGROUPS}${group.data.id}/`, { kind: "status", status: 503, times: 1 });
    const result = await invoke("group.delete", admin, { id: group.data.id });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const entry = await lastEntry("group.delete", { targetId: group.data.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(JSON.parse(entry!.after!).found).toMatch(/404/);
  });

  it("delete not applied (the gateway failed before ezeep): failure with the observed group", async () => {
    const group = (await invoke("group.create", admin, { name: unique("Stay"), description: "" })) as {
      data: { id: string; name: string };
    };
    sim().faults.add({
      host: "api",
      method: "DELETE",
      path: `${PGROUPS}${group.data.id}/`,
      kind: "status",
      status: 502,
      times: 10,
    });
    const result = await invoke("group.delete", admin, { id: group.data.id });
    expect(errorOf(result)).toMatch(
      /^ezeep did not answer; checking whether the change was applied… It was not applied/,
    );
    const { entry, unknown } = await settled("group.delete", { targetId: group.data.id });
    expect(unknown).toMatchObject({ outcome: "unknown", ezeepStatus: 502 });
    expect(entry).toMatchObject({ outcome: "failure", reconcilesId: unknown!.id });
    expect(JSON.parse(entry!.after!)).toMatchObject({ name: group.data.name });
  });

  it("membership: the user's groups are read back and the entry completed as applied", async () => {
    const users = await ezeepFor(admin.organization).printingUsers.all();
    const user = users[0];
    const group = (await invoke("group.create", admin, { name: unique("Member"), description: "" })) as {
      data: { id: string };
    };
    lose("PATCH", `/printing/v1/users/${user.id}/`, { kind: "status", status: 504 });
    const result = await invoke("membership.add", admin, { userId: user.id, groupIds: [group.data.id] });
    sim().faults.clear();
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { changed: true } });
    const now = await ezeepFor(admin.organization).printingUsers.get(user.id);
    expect(now.groups.map((g) => g.group_id)).toContain(group.data.id);
    const entry = await lastEntry("membership.update", { targetId: user.id });
    expect(entry).toMatchObject({ outcome: "success" });
    expect(JSON.parse(entry!.after!).groupIds).toContain(group.data.id);
  });
});

describe("invitations", () => {
  it("an invitation ezeep created but answered 504 is tracked with its intended role and groups; a retry adds nothing", async () => {
    const email = `${unique("lost").replace(" ", ".")}@newco.example`;
    const group = (await invoke("group.create", admin, { name: unique("Invitees"), description: "" })) as {
      data: { id: string; name: string };
    };
    sim().faults.add({
      host: "account",
      method: "POST",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 504,
      afterApply: true,
      times: 1,
    });
    const input = { emails: email, role: "admin", groupIds: [group.data.id] };
    const result = (await invoke("invitation.create", admin, input)) as {
      ok: true;
      data: { results: { outcome: string }[] };
    };
    expect(result.data.results[0]).toMatchObject({ outcome: "sent" });
    const row = await db.invitation.findFirst({ where: { organizationId: admin.organization.id, email } });
    expect(row).toMatchObject({
      role: "admin",
      origin: "portal",
      status: "pending",
      invitedByLabel: admin.actor.label,
    });
    expect(JSON.parse(row!.intendedGroupIds)).toEqual([group.data.id]);
    const entry = await lastEntry("invitation.create", { targetLabel: email });
    expect(entry).toMatchObject({ outcome: "success", targetId: row!.id });

    const retry = (await invoke("invitation.create", admin, input)) as {
      ok: true;
      data: { results: { outcome: string }[] };
    };
    expect(retry.data.results[0].outcome).toBe("rejected"); // ezeep: already invited; the hint names the invitation
    expect(await db.invitation.count({ where: { organizationId: admin.organization.id, email } })).toBe(1);
    const invitations: string[] = [];
    for await (const inv of ezeepFor(admin.organization).invitations.iterate())
      if (inv.email === email) invitations.push(inv.id);
    expect(invitations).toHaveLength(1);
  });

  it("when ezeep cannot be read back at once, the follow-up job reconciles the entry and tracks the invitation", async () => {
    const email = `${unique("later").replace(" ", ".")}@newco.example`;
    sim().faults.add({
      host: "account",
      method: "POST",
      path: "/v1/userinvitations/",
      kind: "reset",
      afterApply: true,
      times: 1,
    });
    sim().faults.add({
      host: "account",
      method: "GET",
      path: "/v1/userinvitations/",
      kind: "status",
      status: 503,
      times: 8,
    });
    const result = (await invoke("invitation.create", admin, {
      emails: email,
      role: "user",
      groupIds: [],
    })) as {
      ok: true;
      data: { results: { outcome: string; message: string }[] };
    };
    sim().faults.clear();
    expect(result.data.results[0]).toMatchObject({ outcome: "unknown" });
    expect(result.data.results[0].message).toMatch(
      /^ezeep did not answer; checking whether the change was applied…/,
    );
    const unknown = await lastEntry("invitation.create", { targetLabel: email });
    expect(unknown).toMatchObject({ outcome: "unknown", reconcilesId: null });
    expect(unknown!.completionHash).not.toBeNull(); // its one completion, chained

    await followUpAllOrganizations(new Date());
    const entry = await lastEntry("invitation.create", { targetLabel: email });
    expect(entry).toMatchObject({ outcome: "success", reconcilesId: unknown!.id });
    expect(entry!.chainSeq).not.toBeNull();
    expect(await db.invitation.findFirst({ where: { email } })).toMatchObject({
      origin: "portal",
      role: "user",
    });
    // Nothing left to reconcile; a second run changes nothing.
    expect(await reconcileUnknownEntries(admin.organization)).toMatchObject({ applied: 0, notApplied: 0 });
  });
});
