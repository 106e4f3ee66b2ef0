// First-run setup (lib/setup): the one-time code, the first owner and organization, refusals
// audited, and the page gone afterwards. Fresh database per file: it starts with no admin.
import { afterAll, describe, expect, it } from "vitest";

import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import {
  completeSetup,
  firstRunConnectAllowed,
  hashSetupCode,
  issueSetupCode,
  setupNeeded,
} from "@/lib/setup/service";
import { useSimulator } from "@/tests/helpers/simulator";

const meta = { ip: "192.0.2.7", userAgent: "vitest", requestId: "req-setup" };
const owner = { email: "First.Owner@Example.com", name: "First Owner", password: "a-long-password-1" };

async function setupEntries() {
  return db.auditEntry.findMany({ where: { action: "setup.complete" }, orderBy: { id: "asc" } });
}

describe("first-run setup", () => {
  const sim = useSimulator();
  let code = "";
  afterAll(() => db.$disconnect());

  it("issues a code per process while there is no admin, stored only as a digest", async () => {
    expect(await setupNeeded()).toBe(true);
    code = (await issueSetupCode())!;
    const second = (await issueSetupCode())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(second).not.toBe(code);
    const rows = await db.setupCode.findMany();
    expect(rows.map((r) => r.codeHash).sort()).toEqual([hashSetupCode(code), hashSetupCode(second)].sort());
    expect(JSON.stringify(rows)).not.toContain(code.replaceAll("-", ""));
    // typed in lower case with spaces, it is the same code
    expect(hashSetupCode(` ${code.toLowerCase().replaceAll("-", " ")} `)).toBe(hashSetupCode(code));
  });

  it("refuses a wrong code and invalid input, and audits both", async () => {
    const wrong = await completeSetup(
      { ...owner, code: "AAAA-BBBB-CCCC", organization: "environment" },
      meta,
    );
    expect(wrong).toEqual({ ok: false, error: expect.stringContaining("setup code is not valid") });
    const invalid = await completeSetup(
      { code, email: "nope", name: "", password: "short", organization: "x" },
      meta,
    );
    expect(invalid.ok).toBe(false);
    if (invalid.ok) return;
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual([
      "email",
      "name",
      "organization",
      "password",
    ]);
    const entries = await setupEntries();
    expect(entries.map((e) => [e.outcome, e.error, e.ip])).toEqual([
      ["failure", "wrong setup code", "192.0.2.7"],
      ["failure", "invalid input", "192.0.2.7"],
    ]);
    expect(await db.admin.count()).toBe(0);
  });

  it("creates the owner and registers the environment's organization once, under concurrent submits", async () => {
    const input = { ...owner, code, organization: "environment" };
    const results = await Promise.all([completeSetup(input, meta), completeSetup(input, meta)]);
    const done = results.filter((r) => r.ok);
    expect(done).toHaveLength(1);
    expect(done[0]).toEqual({
      ok: true,
      data: { email: "first.owner@example.com", organization: "Acme Corp" },
    });
    expect(results.find((r) => !r.ok)).toMatchObject({ error: expect.stringContaining("set up already") });

    const admin = await db.admin.findUniqueOrThrow({
      where: { email: "first.owner@example.com" },
      include: { roles: { include: { organization: true } } },
    });
    expect(await verifyPassword(owner.password, admin.passwordHash)).toBe(true);
    expect(admin.roles.map((r) => [r.role, r.organization.ezeepId])).toEqual([
      ["owner", sim().organizationId],
    ]);
    expect(await db.setupCode.count()).toBe(0);
    expect(await setupNeeded()).toBe(false);
    expect(await issueSetupCode()).toBeNull();
    expect(await firstRunConnectAllowed(admin.id)).toBe(false);
    const success = (await setupEntries()).filter((e) => e.outcome === "success");
    expect(success).toHaveLength(1);
    expect(success[0].actorId).toBe(admin.id);
  });

  it("is gone afterwards: any further attempt is refused and audited", async () => {
    const again = await completeSetup(
      { ...owner, email: "intruder@example.com", code, organization: "environment" },
      meta,
    );
    expect(again).toMatchObject({ ok: false, error: expect.stringContaining("set up already") });
    const last = (await setupEntries()).at(-1)!;
    expect([last.outcome, last.error, last.actorLabel]).toEqual([
      "failure",
      "setup already done",
      "intruder@example.com",
    ]);
    expect(await db.admin.count()).toBe(1);
  });
});
