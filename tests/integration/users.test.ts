// Users below the UI: the server-side index (search / filter / sort / paginate), one user read from
// both ezeep hosts, edits of identity and printing flags, delete — each audited, faults explained.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { AccountUser, PrintingUser } from "@/lib/ezeep";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { invalidateDirectory } from "@/lib/users/directory";
import { listUsersSchema } from "@/lib/users/schemas";
import { deletionImpact, findUser, listUsers } from "@/lib/users/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/users/actions";

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
const unique = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 9)}`;
const query = (q: Record<string, unknown> = {}) => listUsersSchema.parse(q);

const sim = useSimulator();

/** A new verified user (invite + accept in the simulator), with a printing row. */
async function freshUser(owner: OrgContext, first = "Fresh"): Promise<AccountUser> {
  const email = `${unique("fresh.")}@example.com`;
  const inv = await ezeepFor(owner.organization).invitations.create({
    email,
    expire_date: new Date(Date.now() + 86_400_000),
  });
  return sim().acceptInvitation(inv.id, { firstName: first, lastName: "Person" }) as unknown as AccountUser;
}

describe("users", () => {
  let admin: OrgContext;
  let accounts: AccountUser[] = [];
  let printing: PrintingUser[] = [];

  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    admin = await contextFor(org, "admin");
    accounts = await ezeepFor(org).users.all();
    printing = await ezeepFor(org).printingUsers.all();
  });
  beforeEach(() => {
    sim().faults.clear();
    sim().setLatency(0);
  });

  it("lists one page at a time, with the organization's total, from an index built by paging ezeep", async () => {
    invalidateDirectory(admin.organization.id);
    sim().resetStats();
    const page = await listUsers(admin, query({ pageSize: 10 }));
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(accounts.length);
    expect(page.pageCount).toBe(Math.ceil(accounts.length / 10));
    // sorted by name
    const names = page.items.map((u) => u.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    // Second request is answered from the index: no more calls to ezeep.
    const before = sim().stats().requests;
    const page2 = await listUsers(admin, query({ pageSize: 10, page: 2 }));
    expect(sim().stats().requests).toBe(before);
    expect(page2.items.map((u) => u.id)).not.toContain(page.items[0].id);
  });

  it("builds the index once for many concurrent first requests (single flight)", async () => {
    invalidateDirectory(admin.organization.id);
    sim().resetStats();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => listUsers(admin, query({ page: i + 1, pageSize: 5 }))),
    );
    const users = sim().stats().byRoute["GET /v1/users/"];
    expect(users).toBe(1); // 60 users fit one page of 100
    expect(sim().stats().byRoute["GET /printing/v1/users/"]).toBe(1);
  });

  it("searches by name or email, case-insensitively", async () => {
    const target = accounts[17];
    const byEmail = await listUsers(admin, query({ q: target.email.toUpperCase() }));
    expect(byEmail.items.map((u) => u.id)).toEqual([target.id]);
    const byName = await listUsers(admin, query({ q: target.last_name.toLowerCase() }));
    expect(byName.items.map((u) => u.id)).toContain(target.id);
    expect(
      byName.items.every((u) =>
        `${u.name} ${u.email}`.toLowerCase().includes(target.last_name.toLowerCase()),
      ),
    ).toBe(true);
    expect((await listUsers(admin, query({ q: "zzz-nobody" }))).total).toBe(0);
  });

  it("filters by group and by role, matching ezeep", async () => {
    const groupId = printing.find((p) => p.groups.length > 0)!.groups[0].group_id;
    const expected = printing
      .filter((p) => p.groups.some((g) => g.group_id === groupId))
      .map((p) => p.id)
      .sort();
    const inGroup = await listUsers(admin, query({ group: groupId, pageSize: 100 }));
    expect(inGroup.items.map((u) => u.id).sort()).toEqual(expected);
    expect(
      inGroup.items.every((u) => u.groups.some((g) => g.id === groupId && g.name !== "Unknown group")),
    ).toBe(true);

    const admins = await listUsers(admin, query({ role: "admin", pageSize: 100 }));
    expect(admins.items.map((u) => u.id).sort()).toEqual(
      accounts
        .filter((a) => a.roles.includes("admin"))
        .map((a) => a.id)
        .sort(),
    );
    const combined = await listUsers(admin, query({ role: "user", group: groupId, pageSize: 100 }));
    expect(combined.items.every((u) => u.role === "user" && u.groups.some((g) => g.id === groupId))).toBe(
      true,
    );
  });

  it("sorts by email and by number of groups, both directions", async () => {
    const byEmailDesc = await listUsers(admin, query({ sort: "email", dir: "desc", pageSize: 100 }));
    const emails = byEmailDesc.items.map((u) => u.email.toLowerCase());
    expect(emails).toEqual([...emails].sort().reverse());
    const byGroups = await listUsers(admin, query({ sort: "groups", pageSize: 100 }));
    const counts = byGroups.items.map((u) => u.groups.length);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it("shows invitees (account host only) as not yet active, and filters them", async () => {
    const email = `${unique("invitee.")}@example.com`;
    await ezeepFor(admin.organization).invitations.create({
      email,
      expire_date: new Date(Date.now() + 86_400_000),
    });
    invalidateDirectory(admin.organization.id);
    const invited = await listUsers(admin, query({ status: "invited", pageSize: 100 }));
    const row = invited.items.find((u) => u.email === email)!;
    expect(row).toMatchObject({ verified: false, printing: false, groups: [] });
    const detail = await findUser(admin, row.id);
    expect(detail).toMatchObject({ email, verified: false, printing: null, groups: [] });
    expect(detail!.invitation).toMatchObject({ status: "OPEN" });
  });

  it("reads one user's identity, roles, flags and groups from both hosts", async () => {
    const p = printing.find((x) => x.groups.length >= 2)!;
    const a = accounts.find((x) => x.id === p.id)!;
    const detail = await findUser(admin, p.id);
    expect(detail).toMatchObject({
      id: p.id,
      email: a.email,
      firstName: a.first_name,
      lastName: a.last_name,
      verified: true,
    });
    expect(detail!.printing).toMatchObject({
      local_printing_enabled: p.local_printing_enabled,
      myprinters_enabled: p.myprinters_enabled,
    });
    expect(detail!.groups.map((g) => g.id).sort()).toEqual(p.groups.map((g) => g.group_id).sort());
    expect(detail!.groups.every((g) => g.name && g.name !== "Unknown group")).toBe(true);
    expect(await findUser(admin, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("edits name and role with before/after in the audit log, and the list shows it at once", async () => {
    const user = await freshUser(admin, "Edith");
    const result = await invoke("user.update", admin, {
      id: user.id,
      firstName: " Edda ",
      lastName: "Newname",
      role: "admin",
    });
    expect(result, JSON.stringify(result)).toMatchObject({
      ok: true,
      data: { firstName: "Edda", lastName: "Newname", role: "admin" },
    });
    const account = await ezeepFor(admin.organization).users.get(user.id);
    expect(account).toMatchObject({ first_name: "Edda", last_name: "Newname", roles: ["admin"] });
    const entry = await db.auditEntry.findFirst({
      where: { targetId: user.id, action: "user.update" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "success", targetLabel: user.email });
    expect(JSON.parse(entry!.before!)).toEqual({ firstName: "Edith", lastName: "Person", role: "User" });
    expect(JSON.parse(entry!.after!)).toEqual({ firstName: "Edda", lastName: "Newname", role: "Admin" });
    const listed = await listUsers(admin, query({ q: user.email }));
    expect(listed.items[0]).toMatchObject({ name: "Edda Newname", role: "admin" });
  });

  it.each([
    [
      "an empty first name",
      { firstName: "  ", lastName: "x", role: "user" },
      "firstName",
      "Enter a first name.",
    ],
    [
      "a long last name",
      { firstName: "x", lastName: "y".repeat(151), role: "user" },
      "lastName",
      "Use at most 150 characters for the last name.",
    ],
    [
      "markup in a name",
      { firstName: "<b>", lastName: "y", role: "user" },
      "firstName",
      "The first name cannot contain < or >.",
    ],
    [
      "an unknown role",
      { firstName: "x", lastName: "y", role: "owner" },
      "role",
      "Choose Admin or User as the role.",
    ],
  ])(
    "rejects %s with a specific message, changes nothing and records the refusal once",
    async (_label, fields, field, message) => {
      const auditBefore = await db.auditEntry.count();
      const result = await invoke("user.update", admin, { id: accounts[20].id, ...fields });
      expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [message] } });
      // The refusal is on record once (lib/auth/action.ts), nothing else is written.
      expect(await db.auditEntry.count()).toBe(auditBefore + 1);
      expect(await db.auditEntry.findFirst({ orderBy: { id: "desc" } })).toMatchObject({
        action: "user.update",
        outcome: "failure",
      });
      expect(await ezeepFor(admin.organization).users.get(accounts[20].id)).toMatchObject({
        first_name: accounts[20].first_name,
      });
    },
  );

  it("maps ezeep's field errors onto the form's fields", async () => {
    const { EzeepError } = await import("@/lib/ezeep");
    const { explainUserError } = await import("@/lib/users/service");
    const err = new EzeepError({
      kind: "http",
      status: 400,
      method: "PATCH",
      path: "/v1/users/x/",
      message: "first_name: Too long.",
      fieldErrors: { first_name: ["Ensure this field has no more than 150 characters."] },
    });
    expect(await explainUserError(err)).toMatchObject({
      message: "ezeep did not accept the change: Ensure this field has no more than 150 characters.",
      fieldErrors: { firstName: ["Ensure this field has no more than 150 characters."] },
    });
    expect(
      (
        (await explainUserError(
          new EzeepError({
            kind: "http",
            status: 404,
            method: "GET",
            path: "/v1/users/x/",
            message: "Not found.",
          }),
        )) as Error
      ).message,
    ).toMatch(/This user was not found/);
  });

  it("records ezeep's refusal of an edit as a failed entry", async () => {
    const user = await freshUser(admin);
    sim().faults.add({
      host: "account",
      method: "PATCH",
      path: "/v1/users/",
      kind: "status",
      status: 400,
      times: 1,
    });
    const result = await invoke("user.update", admin, {
      id: user.id,
      firstName: "Changed",
      lastName: "Person",
      role: "user",
    });
    expect(result).toMatchObject({ ok: false });
    expect(
      await db.auditEntry.findFirst({
        where: { targetId: user.id, action: "user.update" },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({
      outcome: "failure",
      ezeepStatus: 400,
    });
  });

  it("reports ezeep being down in words and records the failed attempt", async () => {
    const user = await freshUser(admin);
    sim().faults.add({ host: "account", method: "PATCH", path: "/v1/users/", kind: "status", status: 500 });
    const result = await invoke("user.update", admin, {
      id: user.id,
      firstName: "Down",
      lastName: "Time",
      role: "user",
    });
    expect((result as { error: string }).error).toMatch(
      /^ezeep is unavailable \(HTTP 500\), try again in a moment\./,
    );
    const entry = await db.auditEntry.findFirst({
      where: { targetId: user.id, action: "user.update" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", ezeepStatus: 500 });
    expect(JSON.parse(entry!.after!)).toMatchObject({ firstName: "Down" }); // what was attempted
  });

  it("toggles printing flags on the printing host, audited per flag", async () => {
    const user = await freshUser(admin);
    const result = await invoke("user.update_printing", admin, {
      id: user.id,
      local_printing_enabled: true,
      pull_printing_enabled: true,
    });
    expect(result, JSON.stringify(result)).toMatchObject({
      ok: true,
      data: { printing: { local_printing_enabled: true }, unreported: ["pull_printing_enabled"] },
    });
    expect(await ezeepFor(admin.organization).printingUsers.get(user.id)).toMatchObject({
      local_printing_enabled: true,
    });
    const entry = await db.auditEntry.findFirst({
      where: { targetId: user.id, action: "user.update_printing" },
      orderBy: { id: "desc" },
    });
    // ezeep never reports pull printing: "before" says so, "after" keeps the value sent.
    expect(JSON.parse(entry!.before!)).toEqual({
      local_printing_enabled: "off",
      pull_printing_enabled: "not reported by ezeep",
    });
    expect(JSON.parse(entry!.after!)).toEqual({
      local_printing_enabled: "on",
      pull_printing_enabled: "on (sent; not reported by ezeep)",
    });
    // "Off" is sent too (the toggle used to be able to send only true), and audited as sent.
    expect(
      await invoke("user.update_printing", admin, { id: user.id, pull_printing_enabled: false }),
    ).toMatchObject({
      ok: true,
    });
    const off = await db.auditEntry.findFirst({
      where: { targetId: user.id, action: "user.update_printing" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(off!.after!)).toEqual({ pull_printing_enabled: "off (sent; not reported by ezeep)" });
    expect(off!.id).not.toBe(entry!.id);
    expect(await invoke("user.update_printing", admin, { id: user.id })).toMatchObject({
      ok: false,
      fieldErrors: { flags: ["Choose at least one printing setting to change."] },
    });
  });

  it("names what a deletion loses, deletes the account and audits it", async () => {
    const user = await freshUser(admin, "Doomed");
    const group = await createGroup(admin, { name: unique("Del "), description: "" });
    const printerGroup = printing.flatMap((p) => p.groups.map((g) => g.group_id))[0];
    await ezeepFor(admin.organization).printingUsers.setGroups(user.id, [group.id, printerGroup]);
    const impact = await deletionImpact(admin, user.id);
    expect(impact.groups.map((g) => g.name)).toContain(group.name);
    const assigned = await ezeepFor(admin.organization).assignments.all({ group: printerGroup });
    expect(impact.printers.map((p) => p.id).sort()).toEqual(
      [...new Set(assigned.map((a) => a.printer_id))].sort(),
    );

    const result = await invoke("user.delete", admin, { id: user.id });
    expect(result).toMatchObject({ ok: true, data: { id: user.id } });
    await expect(ezeepFor(admin.organization).users.get(user.id)).rejects.toMatchObject({ status: 404 });
    const entry = await db.auditEntry.findFirst({ where: { targetId: user.id, action: "user.delete" } });
    expect(entry).toMatchObject({ outcome: "success", targetLabel: user.email });
    expect(JSON.parse(entry!.before!)).toMatchObject({
      email: user.email,
      groups: expect.arrayContaining([group.name]),
    });
    expect((await listUsers(admin, query({ q: user.email }))).total).toBe(0);
    // Deleting again: a readable "not found".
    const again = await invoke("user.delete", admin, { id: user.id });
    expect((again as { error: string }).error).toMatch(/This user was not found/);
  });

  it("records a failed delete and keeps the user", async () => {
    const user = await freshUser(admin);
    sim().faults.add({ host: "account", method: "DELETE", path: "/v1/users/", kind: "status", status: 500 });
    const result = await invoke("user.delete", admin, { id: user.id });
    sim().faults.clear();
    expect((result as { error: string }).error).toMatch(/ezeep is unavailable \(HTTP 500\)/);
    expect(await ezeepFor(admin.organization).users.get(user.id)).toMatchObject({ id: user.id });
    expect(
      await db.auditEntry.findFirst({ where: { targetId: user.id, action: "user.delete" } }),
    ).toMatchObject({ outcome: "failure", ezeepStatus: 500 });
  });

  it("keeps the list answering from the old index while ezeep is down during a background refresh", async () => {
    await listUsers(admin, query());
    const { getDirectory } = await import("@/lib/users/directory");
    const dir = await getDirectory(admin);
    dir.builtAt = Date.now() - 60_000; // stale, but within the grace period
    sim().faults.add({ host: "account", path: "/v1/users/", kind: "status", status: 503 });
    const page = await listUsers(admin, query({ pageSize: 5 }));
    expect(page.total).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 50));
    sim().faults.clear();
  });

  it("picker search leaves out a group's members and invitees", async () => {
    const { searchUsers } = await import("@/lib/users/service");
    const groupId = printing.find((p) => p.groups.length > 0)!.groups[0].group_id;
    const found = await searchUsers(admin, { q: "", notInGroup: groupId, limit: 50 });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((u) => u.printing && !u.groups.some((g) => g.id === groupId))).toBe(true);
  });
});

describe("user actions", () => {
  let n = 25;
  testActionAuthorization(sim, {
    "user.update": async (owner) => {
      const u = await freshUser(owner);
      return { id: u.id, firstName: unique("Renamed"), lastName: "Person", role: "user" };
    },
    "user.update_printing": async (owner) => ({
      id: (await freshUser(owner)).id,
      local_printing_enabled: true,
    }),
    "user.delete": async (owner) => ({ id: (await freshUser(owner)).id }),
    "user.search": async () => ({ q: "a", limit: 5 + n++ }),
  });

  it("leaves ezeep untouched when a helpdesk or auditor tries to delete a user", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner3@test.example");
    const helpdesk = await contextFor(org, "helpdesk", "helpdesk3@test.example");
    const auditor = await contextFor(org, "auditor", "auditor3@test.example");
    const user = await freshUser(owner);
    for (const who of [helpdesk, auditor]) {
      expect(await invoke("user.delete", who, { id: user.id })).toMatchObject({
        ok: false,
        error: "Your role does not allow this action.",
      });
      expect(
        await invoke("user.update", who, { id: user.id, firstName: "X", lastName: "Y", role: "admin" }),
      ).toMatchObject({ ok: false });
    }
    expect(await ezeepFor(org).users.get(user.id)).toMatchObject({
      id: user.id,
      roles: ["user"],
      first_name: "Fresh",
    });
  });
});
