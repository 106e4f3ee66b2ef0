// db:migrate on a busy SQLite file waits, then names what to stop; demo state is per database.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { DatabaseBusyError, waitForSqlite } from "@/lib/db-migrate";
import { secretsFileFor } from "@/scripts/lib/portal-setup";

type Conn = { exec(sql: string): void; close(): void };
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => Conn;

describe("waiting for a busy SQLite database", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-busy-"));
  const file = path.join(dir, "busy.db");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives up with a message that names the running portal", async () => {
    const holder = new Database(file);
    holder.exec("CREATE TABLE t (x)");
    holder.exec("BEGIN IMMEDIATE");
    try {
      const waiting: string[] = [];
      const attempt = waitForSqlite(`file:${file}`, { timeoutMs: 300, onWait: (m) => waiting.push(m) });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseBusyError);
      await expect(attempt).rejects.toThrow(
        /locked by another process, most likely a running portal.*Stop it/,
      );
      expect(waiting).toEqual([expect.stringContaining("Waiting for")]);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("continues once the other process lets go", async () => {
    const holder = new Database(file);
    holder.exec("BEGIN IMMEDIATE");
    const waiting: string[] = [];
    const attempt = waitForSqlite(`file:${file}`, { timeoutMs: 30_000, onWait: (m) => waiting.push(m) });
    setTimeout(() => {
      holder.exec("COMMIT");
      holder.close();
    }, 300);
    await expect(attempt).resolves.toBeUndefined();
    expect(waiting).toHaveLength(1);
  });
});

describe("demo state per database", () => {
  it("keeps the default SQLite demo's file and gives every other database its own", () => {
    const sqlite = secretsFileFor("file:./data/portal.db");
    const pg = secretsFileFor("postgresql://portal:pw@127.0.0.1:5432/portal");
    const other = secretsFileFor("file:./data/other.db");
    expect(path.basename(sqlite)).toBe("demo-secrets.json");
    expect(new Set([sqlite, pg, other]).size).toBe(3);
    expect(pg).not.toContain("pw");
    expect(secretsFileFor("postgresql://portal:pw@127.0.0.1:5432/portal")).toBe(pg);
  });
});
