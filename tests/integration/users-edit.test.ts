// Editing users below the UI: identity and role, printing flags, delete — each audited, ezeep's
// refusals and outages explained; and who may run the user actions.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { AccountUser, PrintingUser } from "@/lib/ezeep";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { deletionImpact, listUsers } from "@/lib/users/service";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";
import { freshUser, invoke, query, unique, usersSuite } from "@/tests/helpers/users";

const sim = useSimulator();

describe("user edits", () => {
  const fixture = usersSuite(sim);
  let admin: OrgContext;
  let accounts: AccountUser[] = [];
  let printing: PrintingUser[] = [];
  beforeAll(() => {
    ({ admin, accounts, printing } = fixture());
  });

  it("edits name and role with before/after in the audit log, and the list shows it at once", async () => {
    const user = await freshUser(sim(), admin, "Edith");
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
    const user = await freshUser(sim(), admin);
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
    const user = await freshUser(sim(), admin);
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
    const user = await freshUser(sim(), admin);
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
    const user = await freshUser(sim(), admin, "Doomed");
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
    const user = await freshUser(sim(), admin);
    sim().faults.add({ host: "account", method: "DELETE", path: "/v1/users/", kind: "status", status: 500 });
    const result = await invoke("user.delete", admin, { id: user.id });
    sim().faults.clear();
    expect((result as { error: string }).error).toMatch(/ezeep is unavailable \(HTTP 500\)/);
    expect(await ezeepFor(admin.organization).users.get(user.id)).toMatchObject({ id: user.id });
    expect(
      await db.auditEntry.findFirst({ where: { targetId: user.id, action: "user.delete" } }),
    ).toMatchObject({ outcome: "failure", ezeepStatus: 500 });
  });
});

describe("user actions", () => {
  let n = 25;
  testActionAuthorization(sim, {
    "user.update": async (owner) => {
      const u = await freshUser(sim(), owner);
      return { id: u.id, firstName: unique("Renamed"), lastName: "Person", role: "user" };
    },
    "user.update_printing": async (owner) => ({
      id: (await freshUser(sim(), owner)).id,
      local_printing_enabled: true,
    }),
    "user.delete": async (owner) => ({ id: (await freshUser(sim(), owner)).id }),
    "user.search": async () => ({ q: "a", limit: 5 + n++ }),
  });

  it("leaves ezeep untouched when a helpdesk or auditor tries to delete a user", async () => {
    const org = await portalOrganization(sim().organizationId);
    const owner = await contextFor(org, "owner", "owner3@test.example");
    const helpdesk = await contextFor(org, "helpdesk", "helpdesk3@test.example");
    const auditor = await contextFor(org, "auditor", "auditor3@test.example");
    const user = await freshUser(sim(), owner);
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
