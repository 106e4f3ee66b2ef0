// Users below the UI: the server-side index (search / filter / sort / paginate) and one user read
// from both ezeep hosts. Edits and deletion are in users-edit.test.ts.
import { beforeAll, describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import type { AccountUser, PrintingUser } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { invalidateDirectory } from "@/lib/users/directory";
import { findUser, listUsers } from "@/lib/users/service";
import { useSimulator } from "@/tests/helpers/simulator";
import { query, unique, usersSuite } from "@/tests/helpers/users";

const sim = useSimulator();

describe("users", () => {
  const fixture = usersSuite(sim);
  let admin: OrgContext;
  let accounts: AccountUser[] = [];
  let printing: PrintingUser[] = [];
  beforeAll(() => {
    ({ admin, accounts, printing } = fixture());
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
