import { beforeAll, describe, expect, it } from "vitest";

import { createAdmin } from "@/lib/admins/service";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authenticateAdmin, SignInThrottledError } from "@/lib/auth/sign-in";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/lib/auth/throttle";
import { db } from "@/lib/db";

const attempt = (email: string, password: string, ip = "10.0.0.1") =>
  authenticateAdmin({ email, password, ip, userAgent: "vitest" });

describe("sign-in", () => {
  beforeAll(async () => {
    await createAdmin({ email: "Ada@Example.test", name: "Ada", password: "correct horse battery" });
    await createAdmin({ email: "bob@example.test", name: "Bob", password: "correct horse battery" });
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
    expect(await attempt("ada@example.test", "wrong")).toBeNull();
    expect(await attempt("nobody@example.test", "whatever")).toBeNull();
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

  it(`locks an account after ${MAX_FAILURES_PER_EMAIL} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
      expect(await attempt("bob@example.test", "nope", `10.1.0.${i}`)).toBeNull();
    await expect(attempt("bob@example.test", "correct horse battery", "10.2.0.1")).rejects.toBeInstanceOf(
      SignInThrottledError,
    );
    await expect(attempt("bob@example.test", "correct horse battery", "10.2.0.1")).rejects.toThrow(
      /Too many failed sign-ins/,
    );
  });

  it(`locks an IP after ${MAX_FAILURES_PER_IP} failures across accounts`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await attempt(`spray${i}@example.test`, "nope", "10.9.9.9");
    await expect(attempt("ada@example.test", "correct horse battery", "10.9.9.9")).rejects.toBeInstanceOf(
      SignInThrottledError,
    );
    // Another IP is not affected.
    expect(await attempt("ada@example.test", "correct horse battery", "10.9.9.10")).not.toBeNull();
  });
});
