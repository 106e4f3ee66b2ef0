// CSV exports of the users, groups and printers lists (lib/exports): the list page's filters,
// every matching row (not one page), read permission checked with deny by default, the export
// recorded in the audit log before rows leave, refusals recorded too. Also the printers list's
// status filter and sort (lib/printers/list-order.ts).
import { describe, expect, it } from "vitest";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { exportList } from "@/lib/exports/handler";
import { createGroup } from "@/lib/groups/service";
import { ezeepFor } from "@/lib/organizations/service";
import { listPrinters } from "@/lib/printers/service";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));
}

async function body(response: Response): Promise<string[][]> {
  expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
  return parseCsv(await response.text());
}

describe("list exports", () => {
  const sim = useSimulator();
  let owner: OrgContext;

  const setup = async () => {
    const org = await portalOrganization(sim().organizationId);
    owner ??= await contextFor(org, "owner", "owner-export@test.example");
    return org;
  };

  it("exports every user matching the page's filters and records the export first", async () => {
    const org = await setup();
    const all = await ezeepFor(org).users.all();
    const rows = await body(await exportList(owner, "users", new URLSearchParams()));
    expect(rows[0]).toEqual(["id", "name", "email", "role", "status", "azure_ad", "groups"]);
    expect(rows.length - 1).toBe(all.length);
    const invited = all.filter((u) => !u.is_verified).length;
    const filtered = await body(await exportList(owner, "users", new URLSearchParams({ status: "invited" })));
    expect(filtered.length - 1).toBe(invited);
    expect(filtered.slice(1).every((r) => r[4] === "invited")).toBe(true);
    const entry = await db.auditEntry.findFirst({
      where: { action: "user.export", actorId: owner.actor.id, outcome: "success" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(entry!.after!)).toMatchObject({ filters: { status: "invited" }, rows: invited });
  });

  it("exports groups filtered by search text, whatever the page size of the list", async () => {
    const org = await setup();
    const tag = `exp${Math.random().toString(36).slice(2, 7)}`;
    for (let i = 0; i < 3; i++) await createGroup(owner, { name: `${tag} team ${i}`, description: "" });
    const rows = await body(
      await exportList(owner, "groups", new URLSearchParams({ q: tag, pageSize: "5" })),
    );
    expect(rows.slice(1).map((r) => r[1])).toEqual([`${tag} team 0`, `${tag} team 1`, `${tag} team 2`]);
    expect((await ezeepFor(org).groups.all()).length).toBeGreaterThan(3);
  });

  it("exports printers filtered by status and sorted as asked; the list uses the same rules", async () => {
    await setup();
    const offline = await body(
      await exportList(owner, "printers", new URLSearchParams({ status: "offline" })),
    );
    expect(offline.length).toBeGreaterThan(1);
    expect(offline.slice(1).every((r) => ["off", "offline"].includes(r[2].toLowerCase()))).toBe(true);
    const page = await listPrinters(owner, {
      q: "",
      page: 1,
      pageSize: 100,
      connector: "",
      group: "",
      status: "all",
      sort: "status",
      dir: "asc",
    });
    const firstOnline = page.items.findIndex((p) => ["on", "online"].includes(p.status.toLowerCase()));
    const lastOffline = page.items.findLastIndex((p) => ["off", "offline"].includes(p.status.toLowerCase()));
    expect(lastOffline).toBeGreaterThanOrEqual(0);
    expect(lastOffline).toBeLessThan(firstOnline);
  });

  it("refuses bad filters with a 400 and a signed-out caller with a 401, both on record", async () => {
    await setup();
    const bad = await exportList(owner, "groups", new URLSearchParams({ origin: "mars" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid/);
    expect(
      await db.auditEntry.findFirst({
        where: { action: "group.export", actorId: owner.actor.id, outcome: "failure" },
      }),
    ).toMatchObject({ error: expect.stringMatching(/^invalid input/) });
    const signedOut = await exportList(null, "printers", new URLSearchParams(), { ip: "203.0.113.9" });
    expect(signedOut.status).toBe(401);
  });

  it("allows every role that may read the list and denies (on record) a role that may not", async () => {
    const org = await setup();
    for (const role of ["admin", "helpdesk", "auditor"] as const) {
      const ctx = await contextFor(org, role, `${role}-export@test.example`);
      expect((await exportList(ctx, "printers", new URLSearchParams())).status).toBe(200);
    }
    // An admin without any role in the organization (a role the matrix does not know) is denied.
    const stranger: OrgContext = { ...owner, role: null as unknown as OrgContext["role"] };
    const denied = await exportList(stranger, "users", new URLSearchParams());
    expect(denied.status).toBe(403);
    const entry = await db.auditEntry.findFirst({
      where: { action: "user.export", outcome: "failure", error: "permission denied" },
    });
    expect(entry).not.toBeNull();
  });
});
