// lib/db-bulk.ts on the test's real database (SQLite, and PostgreSQL in `npm test`): per-row texts,
// nulls, shared booleans and dates land where Prisma reads them, other rows stay untouched.
import { describe, expect, it } from "vitest";

import { db } from "@/lib/db";
import { insertReturning, insertRows, updateById } from "@/lib/db-bulk";
import { portalOrganization } from "@/tests/helpers/portal";

async function identities(count: number) {
  const org = await portalOrganization(`bulk-${count}-${Date.now()}`);
  const at = new Date("2026-01-01T00:00:00.000Z");
  await db.nddIdentity.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      organizationId: org.id,
      clientKey: "bulk",
      domain: "D",
      logon: `u${i}`,
      userKey: `d//u${i}`,
      state: "waiting_email",
      lastSeenAt: at,
    })),
  });
  return db.nddIdentity.findMany({ where: { organizationId: org.id }, orderBy: { logon: "asc" } });
}

describe("updateById", () => {
  it("writes each row's texts and the shared values, in several statements, and nothing else", async () => {
    const rows = await identities(650); // three statements of at most 300 rows
    const now = new Date("2026-11-30T12:34:56.789Z");
    const changed = rows.slice(0, 640);
    await updateById(db, {
      table: "NddIdentity",
      idType: "text",
      columns: { ezeepUserId: "text", invitationId: "text" },
      rows: changed.map((r, i) => ({
        id: r.id,
        values: { ezeepUserId: `user-${r.logon}`, invitationId: i % 2 ? null : `inv-${i}` },
      })),
      shared: { state: "active", invitedByNdd: true, updatedAt: now },
    });
    const after = await db.nddIdentity.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      orderBy: { logon: "asc" },
    });
    const byId = new Map(after.map((r) => [r.id, r]));
    changed.forEach((r, i) => {
      const row = byId.get(r.id)!;
      expect(row).toMatchObject({
        ezeepUserId: `user-${r.logon}`,
        invitationId: i % 2 ? null : `inv-${i}`,
        state: "active",
        invitedByNdd: true,
      });
      expect(row.updatedAt.toISOString()).toBe(now.toISOString());
    });
    for (const r of rows.slice(640))
      expect(byId.get(r.id)).toMatchObject({
        state: "waiting_email",
        ezeepUserId: null,
        invitedByNdd: false,
      });
  });

  it("refuses a column name that is not a plain identifier", async () => {
    await expect(
      updateById(db, {
        table: "NddIdentity",
        idType: "text",
        columns: { 'state" = NULL; --': "text" },
        rows: [{ id: "x", values: { 'state" = NULL; --': "y" } }],
      }),
    ).rejects.toThrow(/not a column or table name/);
  });
});

/** An identity row with only the columns that have no default (9 columns: 100 rows per INSERT). */
function bareIdentity(organizationId: string, i: number, key: string, at: Date) {
  return {
    id: `${organizationId}-${i}`,
    organizationId,
    clientKey: "bare",
    domain: "D",
    logon: key,
    userKey: key,
    state: "waiting_email",
    lastSeenAt: at,
    updatedAt: at,
  };
}

describe("insertRows", () => {
  it("writes texts, nulls, booleans and dates as Prisma reads them, many rows per statement", async () => {
    const org = await portalOrganization(`insert-${Date.now()}`);
    const at = new Date("2026-11-30T12:34:56.789Z");
    const rows = Array.from({ length: 150 }, (_, i) => ({
      id: `ins-${org.id}-${i}`,
      organizationId: org.id,
      clientKey: "ins",
      domain: "D",
      logon: `u${i}`,
      userKey: `d//u${i}`,
      name: i % 3 ? `Name ${i}` : null,
      email: null,
      state: "pending",
      ezeepUserId: null,
      invitationId: null,
      invitedByNdd: i % 2 === 0,
      lastSeenAt: at,
      createdAt: at,
      updatedAt: at,
    }));
    await insertRows(db, "NddIdentity", rows); // 15 columns: 60 rows per statement
    const back = await db.nddIdentity.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" } });
    expect(back).toHaveLength(150);
    const byId = new Map(back.map((r) => [r.id, r]));
    for (const r of rows) {
      const row = byId.get(r.id)!;
      expect(row).toMatchObject({ userKey: r.userKey, name: r.name, invitedByNdd: r.invitedByNdd });
      expect(row.lastSeenAt.toISOString()).toBe(at.toISOString());
    }
    // Prisma's own range query over the dates sees them (same storage format).
    expect(await db.nddIdentity.count({ where: { organizationId: org.id, lastSeenAt: { gte: at } } })).toBe(
      150,
    );
  });

  it("insertReturning answers the asked columns of every row, over several statements", async () => {
    const org = await portalOrganization(`insert-returning-${Date.now()}`);
    const at = new Date();
    const rows = Array.from({ length: 250 }, (_, i) => bareIdentity(org.id, i, `d//u${i}`, at));
    const back = await insertReturning(db, "NddIdentity", rows, ["id", "userKey"]);
    expect(back).toHaveLength(250);
    expect(new Map(back.map((r) => [r.userKey, r.id]))).toEqual(new Map(rows.map((r) => [r.userKey, r.id])));
  });

  it("in a transaction, a unique conflict in a later statement writes none of the rows", async () => {
    const org = await portalOrganization(`insert-conflict-${Date.now()}`);
    const at = new Date();
    const row = (i: number, key: string) => bareIdentity(org.id, i, key, at);
    // 100 rows per statement: the second statement repeats the first row's key.
    const rows = [...Array.from({ length: 149 }, (_, i) => row(i, `k${i}`)), row(149, "k0")];
    await expect(db.$transaction((tx) => insertRows(tx, "NddIdentity", rows))).rejects.toThrow();
    expect(await db.nddIdentity.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
