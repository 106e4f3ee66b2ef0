// The optional second factor (issue 11): enrolment confirmed by a first code, recovery codes
// hashed at rest and usable once, the secret encrypted at rest, sign-in asking for the code after
// a correct password (wrong codes count like wrong passwords), disabling with a current code, the
// owner's portal-wide requirement, and an audit entry for every change and refusal.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyAll } from "@/lib/audit/verify";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { authenticateAdmin } from "@/lib/auth/sign-in";
import { signInRetryAfter } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { runPersonalAction } from "@/lib/mfa/personal-action";
import { totpCodeSchema } from "@/lib/mfa/schemas";
import {
  confirmEnrolment,
  disableTwoFactor,
  startEnrolment,
  totpEnrolmentRequired,
  twoFactorStatus,
  type MfaActor,
} from "@/lib/mfa/service";
import { SECOND_FACTOR_REQUIRED } from "@/lib/mfa/sign-in";
import { TOTP_PERIOD_SECONDS, totpCode } from "@/lib/mfa/totp";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/mfa/actions";

const previousKey = process.env.PORTAL_ENCRYPTION_KEY;
process.env.PORTAL_ENCRYPTION_KEY = randomBytes(32).toString("base64");
afterAll(() => {
  if (previousKey === undefined) delete process.env.PORTAL_ENCRYPTION_KEY;
  else process.env.PORTAL_ENCRYPTION_KEY = previousKey;
});

const PASSWORD = "test-password-123";
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
/** Codes of the next steps: a code works once, so each sign-in in a test uses a later step. */
const codeAt = (secret: string, stepsAhead: number) => totpCode(secret, Date.now() + stepsAhead * STEP_MS);

const signInWith = (email: string, code?: string, ip = "10.9.0.1") =>
  authenticateAdmin({ email, password: PASSWORD, code, ip, userAgent: "vitest" });

const entries = (actorId: string, action: string) =>
  db.auditEntry.findMany({ where: { actorId, action }, orderBy: { id: "asc" } });

function actorOf(ctx: OrgContext): MfaActor {
  return { ...ctx.actor, id: ctx.actor.id!, label: ctx.actor.label };
}

/** Enrols `ctx` and returns its secret and recovery codes. */
async function enrol(ctx: OrgContext): Promise<{ secret: string; recoveryCodes: string[] }> {
  const actor = actorOf(ctx);
  await startEnrolment(actor);
  const status = await twoFactorStatus({ id: actor.id, email: actor.label });
  const secret = status.enrolment!.secret;
  const recoveryCodes = await confirmEnrolment(actor, totpCode(secret));
  return { secret, recoveryCodes };
}

describe("two-factor sign-in (TOTP)", () => {
  let owner: OrgContext;
  let admin: OrgContext;

  beforeAll(async () => {
    const org = await portalOrganization(`mfa-${Date.now()}`);
    owner = await contextFor(org, "owner", "owner-mfa@test.example");
    admin = await contextFor(org, "admin", "admin-mfa@test.example");
  });

  it("enrols only after a first valid code; the secret is encrypted and the recovery codes hashed at rest", async () => {
    const actor = actorOf(owner);
    await startEnrolment(actor);
    const status = await twoFactorStatus({ id: actor.id, email: actor.label });
    expect(status.enabled).toBe(false);
    expect(status.enrolment!.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(status.enrolment!.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(status.enrolment!.qrDataUrl.split(",")[1], "base64").toString()).toMatch(/<svg/);
    const secret = status.enrolment!.secret;
    const stored = await db.adminTotp.findUniqueOrThrow({ where: { adminId: actor.id } });
    expect(stored.secretCipher).not.toContain(secret);
    expect(stored.secretCipher).toMatch(/^v1\./);

    // Not on until a code matches; a sign-in meanwhile needs only the password.
    await expect(confirmEnrolment(actor, "000000")).rejects.toThrow(/not valid/);
    expect(await signInWith(actor.label)).toMatchObject({ id: actor.id });

    const codes = await confirmEnrolment(actor, totpCode(secret));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const hashes = await db.adminRecoveryCode.findMany({ where: { adminId: actor.id } });
    expect(hashes).toHaveLength(10);
    for (const h of hashes) {
      expect(h.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(codes.map((c) => c.replaceAll("-", ""))).not.toContain(h.codeHash);
    }
    expect((await twoFactorStatus({ id: actor.id, email: actor.label })).enabled).toBe(true);
    expect((await entries(actor.id, "admin.totp.enable")).map((e) => e.outcome)).toEqual([
      "failure",
      "success",
    ]);
    expect((await entries(actor.id, "admin.totp.enrol")).map((e) => e.outcome)).toEqual(["success"]);
  });

  it("asks for the code after a correct password; a wrong code is a failed attempt; a code works once", async () => {
    const { secret } = await enrol(admin);
    const email = admin.actor.label;
    await expect(signInWith(email)).rejects.toThrow(SECOND_FACTOR_REQUIRED);
    // A wrong password never reaches the code question.
    expect(
      await authenticateAdmin({ email, password: "wrong", ip: "10.9.0.1", userAgent: "vitest" }),
    ).toBeNull();

    expect(await signInWith(email, "123456")).toBeNull();
    const code = codeAt(secret, 1);
    expect(await signInWith(email, code)).toMatchObject({ id: admin.actor.id });
    // The same code again (e.g. observed over a shoulder) is refused.
    expect(await signInWith(email, code)).toBeNull();

    const signIns = await entries(admin.actor.id!, "admin.sign_in");
    expect(signIns.map((e) => [e.outcome, e.error])).toEqual([
      ["failure", "second factor required"],
      ["failure", "wrong email or password"],
      ["failure", "wrong second-factor code"],
      ["success", null],
      ["failure", "wrong second-factor code"],
    ]);
    expect(JSON.parse(signIns[3].after!)).toEqual({ secondFactor: "totp" });
  });

  it("counts wrong codes in the sign-in throttle, like wrong passwords", async () => {
    const email = admin.actor.label;
    const ip = "10.9.9.9";
    for (let i = 0; i < 6; i++) await signInWith(email, "999999", ip).catch(() => null);
    expect(await signInRetryAfter(email, ip)).toBeGreaterThan(0);
    await db.loginAttempt.deleteMany({});
  });

  it("accepts each recovery code once instead of a code", async () => {
    const actor = actorOf(owner);
    await db.adminTotp.delete({ where: { adminId: actor.id } });
    await db.adminRecoveryCode.deleteMany({ where: { adminId: actor.id } });
    const { recoveryCodes } = await enrol(owner);
    const recovery = recoveryCodes[3].toUpperCase();
    expect(await signInWith(actor.label, recovery)).toMatchObject({ id: actor.id });
    expect(await signInWith(actor.label, recovery)).toBeNull();
    const last = (await entries(actor.id, "admin.sign_in")).at(-2)!;
    expect(JSON.parse(last.after!)).toEqual({ secondFactor: "recovery_code", recoveryCodesLeft: 9 });
    expect((await twoFactorStatus({ id: actor.id, email: actor.label })).recoveryCodesLeft).toBe(9);
  });

  it("turns off only with a current code, and audits both the refusal and the change", async () => {
    const actor = actorOf(admin);
    expect((await twoFactorStatus({ id: actor.id, email: actor.label })).enabled).toBe(true); // from the sign-in test
    await expect(disableTwoFactor(actor, "000000")).rejects.toThrow(/not valid/);
    // The personal action validates its input and records the refusal.
    const invoke = runPersonalAction({
      name: "admin.totp.disable",
      input: totpCodeSchema,
      handler: async () => 1,
    });
    expect(await invoke(actor, { code: "abc" })).toMatchObject({ ok: false, error: /6-digit/ });
    expect(await invoke(null, { code: "123456" })).toMatchObject({ ok: false, error: /session has ended/ });
    const failures = await entries(actor.id, "admin.totp.disable");
    expect(failures.map((e) => e.error)).toEqual([
      "That code is not valid. Enter the current code from the app.",
      expect.stringMatching(/^invalid input/),
    ]);
    expect(await db.adminTotp.findUnique({ where: { adminId: actor.id } })).not.toBeNull();
  });

  it("lets an owner require a second factor for every admin, only once they have one themselves", async () => {
    const require = (ctx: OrgContext, on: boolean) =>
      actionRegistry.get("portal.require_totp")!.invoke(ctx, { require: on });
    const org = owner.organization;
    const newcomer = await contextFor(org, "owner", "newcomer@test.example");
    const helpdesk = await contextFor(org, "helpdesk", "helpdesk-mfa@test.example");

    expect(await require(newcomer, true)).toMatchObject({ ok: false, error: /yourself first/ });
    expect(await require(helpdesk, true)).toMatchObject({ ok: false, error: /role does not allow/ });
    expect(await totpEnrolmentRequired(helpdesk.actor.id!)).toBe(false);

    expect(await require(owner, true)).toMatchObject({ ok: true });
    expect(await totpEnrolmentRequired(helpdesk.actor.id!)).toBe(true);
    expect(await totpEnrolmentRequired(newcomer.actor.id!)).toBe(true);
    expect(await totpEnrolmentRequired(owner.actor.id!)).toBe(false);
    // While required, nobody turns their own second factor off.
    const adminSecret = await db.adminTotp.findUniqueOrThrow({ where: { adminId: admin.actor.id! } });
    expect(adminSecret.enabledAt).not.toBeNull();
    await expect(disableTwoFactor(actorOf(admin), "123456")).rejects.toThrow(/requires two-factor/);

    expect(await require(owner, false)).toMatchObject({ ok: true });
    expect(await totpEnrolmentRequired(helpdesk.actor.id!)).toBe(false);
    const changes = await entries(owner.actor.id!, "portal.require_totp");
    expect(changes.map((e) => [e.outcome, e.after])).toEqual([
      ["success", '{"requireTotp":true}'],
      ["success", '{"requireTotp":false}'],
    ]);
    expect((await entries(helpdesk.actor.id!, "portal.require_totp"))[0]).toMatchObject({
      outcome: "failure",
      error: "permission denied",
    });
    expect((await entries(newcomer.actor.id!, "portal.require_totp"))[0]).toMatchObject({
      outcome: "failure",
    });
  });

  it("disables with a current code and removes the recovery codes; every chain stays intact", async () => {
    const actor = actorOf(admin);
    const stored = await db.adminTotp.findUniqueOrThrow({ where: { adminId: actor.id } });
    const { decryptSecret } = await import("@/lib/crypto");
    const secret = decryptSecret(stored.secretCipher, `totp:${actor.id}`);
    // The sign-in test used the code of the next step; as if a minute had passed since:
    await db.adminTotp.update({ where: { adminId: actor.id }, data: { lastUsedStep: 0 } });
    await disableTwoFactor(actor, codeAt(secret, 0));
    expect(await db.adminTotp.findUnique({ where: { adminId: actor.id } })).toBeNull();
    expect(await db.adminRecoveryCode.count({ where: { adminId: actor.id } })).toBe(0);
    expect(await signInWith(actor.label)).toMatchObject({ id: actor.id });
    expect((await entries(actor.id, "admin.totp.disable")).at(-1)).toMatchObject({ outcome: "success" });
    expect((await verifyAll()).every((r) => r.intact)).toBe(true);
  });
});

describe("the require-two-factor switch, by role", () => {
  const sim = useSimulator();
  // Turning the requirement off needs no second factor of one's own: every owner may.
  testActionAuthorization(sim, { "portal.require_totp": async () => ({ require: false }) });
});
