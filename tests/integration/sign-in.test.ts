import { beforeAll, describe, expect, it } from "vitest";

import { createAdmin } from "@/lib/admins/service";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authenticateAdmin, SignInThrottledError } from "@/lib/auth/sign-in";
import {
  ACCOUNT_MAX_DELAY_S,
  ACCOUNT_SOFT_LIMIT,
  accountWait,
  MAX_FAILURES_PER_IP,
  MAX_FAILURES_PER_PAIR,
  pairWait,
  signInRetryAfter,
} from "@/lib/auth/throttle";
import { db } from "@/lib/db";

const attempt = (email: string, password: string, ip = "10.0.0.1") =>
  authenticateAdmin({ email, password, ip, userAgent: "vitest" });

describe("sign-in", () => {
  beforeAll(async () => {
    await createAdmin({ email: "Ada@Example.test", name: "Ada", password: "correct horse battery" });
    await createAdmin({ email: "bob@example.test", name: "Bob", password: "correct horse battery" });
    await createAdmin({ email: "carol@example.test", name: "Carol", password: "correct horse battery" });
  });

  it("hashes passwords with a salt and verifies them", async () => {
    const a = await hashPassword("secret-password-1");
    const b = await hashPassword("secret-password-1");
    expect(a).not.toBe(b);
    expect(a.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("secret-password-1", a)).toBe(true);
    expect(await verifyPassword("secret-password-2", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("accepts the right password (email case-insensitive) and audits both outcomes", async () => {
    expect(await attempt("ada@example.test", "correct horse battery")).toMatchObject({
      email: "ada@example.test",
      name: "Ada",
    });
    expect(await attempt("ada@example.test", "wrong", "10.0.0.2")).toBeNull();
    expect(await attempt("nobody@example.test", "whatever", "10.0.0.3")).toBeNull();
    const entries = await db.auditEntry.findMany({
      where: { action: "admin.sign_in" },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => e.outcome)).toEqual(["success", "failure", "failure"]);
    expect(entries[0]).toMatchObject({ organizationId: null, ip: "10.0.0.1", userAgent: "vitest" });
  });

  it("refuses a disabled admin even with the right password", async () => {
    await createAdmin({ email: "gone@example.test", name: "Gone", password: "correct horse battery" });
    await db.admin.update({ where: { email: "gone@example.test" }, data: { disabledAt: new Date() } });
    expect(await attempt("gone@example.test", "correct horse battery")).toBeNull();
  });

  it(`throttles an (account, source) pair after ${MAX_FAILURES_PER_PAIR} failures, but not the account from elsewhere`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++)
      expect(await attempt("bob@example.test", "nope", "10.1.0.1")).toBeNull();
    await expect(attempt("bob@example.test", "correct horse battery", "10.1.0.1")).rejects.toBeInstanceOf(
      SignInThrottledError,
    );
    await expect(attempt("bob@example.test", "correct horse battery", "10.1.0.1")).rejects.toThrow(
      /Too many failed sign-ins/,
    );
    // Strangers failing on bob's address do not lock bob out of his own machine.
    expect(await attempt("bob@example.test", "correct horse battery", "10.2.0.1")).not.toBeNull();
  });

  it("backs off exponentially per pair: 60 s after the 5th failure, 120 s after the 6th", () => {
    const now = new Date("2030-01-01T00:10:00Z");
    const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);
    expect(pairWait([at(50), at(40), at(30), at(20)], now)).toBe(0);
    expect(pairWait([at(50), at(40), at(30), at(20), at(10)], now)).toBe(50);
    expect(pairWait([at(60), at(50), at(40), at(30), at(20), at(10)], now)).toBe(110);
  });

  it(`locks a source after ${MAX_FAILURES_PER_IP} failures across accounts; a success on one account does not reset it`, async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < MAX_FAILURES_PER_IP - 1; i++) await attempt(`spray${i}@example.test`, "nope", ip);
    // The attacker's own account signs in successfully from the same source …
    expect(await attempt("carol@example.test", "correct horse battery", ip)).not.toBeNull();
    await attempt("spray-last@example.test", "nope", ip);
    // … and the source is still locked for everyone.
    await expect(attempt("ada@example.test", "correct horse battery", ip)).rejects.toBeInstanceOf(
      SignInThrottledError,
    );
    expect(await attempt("ada@example.test", "correct horse battery", "10.9.9.10")).not.toBeNull();
  });

  it(`above ${ACCOUNT_SOFT_LIMIT} failures from many sources an account gets an increasing delay, never a lock`, async () => {
    const now = new Date();
    const rows = Array.from({ length: ACCOUNT_SOFT_LIMIT }, (_, i) => ({
      key: "email:dave@example.test",
      success: false,
      at: new Date(now.getTime() - 120_000 + i * 100),
    }));
    await db.loginAttempt.createMany({ data: rows });
    const last = rows[rows.length - 1].at;
    // 1 s after the last failure is enough at the limit; the delay doubles with each further failure.
    expect(await signInRetryAfter("dave@example.test", "10.3.0.1", new Date(last.getTime() + 500))).toBe(1);
    expect(await signInRetryAfter("dave@example.test", "10.3.0.1", new Date(last.getTime() + 1500))).toBe(0);
    const times = (n: number) =>
      Array.from({ length: n }, (_, i) => new Date(now.getTime() - 1000 * (n - i)));
    expect(accountWait(times(ACCOUNT_SOFT_LIMIT + 2), now)).toBe(4 - 1);
    expect(accountWait(times(ACCOUNT_SOFT_LIMIT + 40), now)).toBe(ACCOUNT_MAX_DELAY_S - 1);
  });

  it("records failed sign-ins per source and minute: the first as its own entry, the rest as one count", async () => {
    const ip = "10.7.7.7";
    // Four scrypt checks take a few seconds: start them early in a minute so they share one window.
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const before = await db.auditEntry.count({ where: { action: "admin.sign_in", ip } });
    for (let i = 0; i < 4; i++) await attempt(`guess${i}@example.test`, "nope", ip);
    const entries = await db.auditEntry.findMany({
      where: { action: "admin.sign_in", ip },
      orderBy: { id: "asc" },
    });
    expect(entries.length - before).toBe(1);
    const window = await db.auditRateWindow.findUnique({ where: { key: `sign_in|${ip}|admin.sign_in` } });
    expect(window?.extra).toBe(3);
  });
});
