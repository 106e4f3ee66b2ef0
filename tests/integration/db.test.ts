// Proves the test harness: every test file gets its own migrated database (SQLite by default,
// PostgreSQL with TEST_DATABASE=postgres) behind `@/lib/db`.
import { describe, expect, it } from "vitest";

import { db, isPostgresUrl } from "@/lib/db";

const provider = isPostgresUrl(process.env.DATABASE_URL ?? "") ? "postgres" : "sqlite";

describe(`test database harness (${provider})`, () => {
  it("points DATABASE_URL at a per-file database", () => {
    const url = process.env.DATABASE_URL ?? "";
    if (process.env.TEST_DATABASE === "postgres") expect(url).toMatch(/^postgres(ql)?:\/\/.+\/t_[a-z0-9_]+$/);
    else expect(url).toMatch(/^file:.+t_[a-z0-9_]+\.db$/);
  });

  it("creates an Admin and reads it back", async () => {
    const created = await db.admin.create({
      data: { email: "harness@example.test", name: "Harness", passwordHash: "x" },
    });
    const found = await db.admin.findUnique({ where: { email: "harness@example.test" } });
    expect(found?.id).toBe(created.id);
    expect(found?.name).toBe("Harness");
  });

  it("rolls a $transaction back when it throws", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.admin.create({
          data: { email: "rollback@example.test", name: "Rollback", passwordHash: "x" },
        });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.admin.findUnique({ where: { email: "rollback@example.test" } })).toBeNull();
  });

  it("returns COUNT(*) from $queryRaw as a bigint", async () => {
    const rows = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT COUNT(*) AS n FROM "Admin" WHERE "email" LIKE ${"%@example.test"}`;
    expect(typeof rows[0].n).toBe("bigint");
    expect(rows[0].n).toBe(1n);
  });
});
