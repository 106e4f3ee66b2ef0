// Sessions end on the server: sign-out, "sign out everywhere", ending one session, disabling an
// admin and a new password all refuse every copy of the cookie at once; idle and absolute limits.
import { decode, encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";

import { createAdmin, disableAdmin } from "@/lib/admins/service";
import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { authOptions } from "@/lib/auth/options";
import { resolveAdmin } from "@/lib/auth/session";
import { checkSession, createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/auth/actions";

const PASSWORD = "correct horse battery";
const secret = () => process.env.NEXTAUTH_SECRET!;

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

/** Signs in through the real next-auth configuration and returns the session cookie's value. */
async function signIn(email: string, userAgent = "vitest"): Promise<string> {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
  const user = await provider.options.authorize(
    { email, password: PASSWORD },
    { headers: { "user-agent": userAgent } },
  );
  expect(user).toBeTruthy();
  const token = (await authOptions.callbacks!.jwt!({ token: {}, user } as never)) as JWT;
  return encode({ token, secret: secret() });
}

/** What the portal does with a cookie on every request. */
async function adminFor(cookie: string) {
  const token = await decode({ token: cookie, secret: secret() });
  return resolveAdmin({ adminId: token?.adminId, sessionId: token?.sid });
}

async function signOutWith(cookie: string) {
  const token = await decode({ token: cookie, secret: secret() });
  await authOptions.events!.signOut!({ token: token!, session: undefined as never });
}

describe("sessions", () => {
  const sim = useSimulator();
  let owner: OrgContext;

  beforeAll(async () => {
    owner = await contextFor(
      await portalOrganization(sim().organizationId),
      "owner",
      "sessions-owner@test.example",
    );
    await createAdmin({ email: "eve@test.example", name: "Eve", password: PASSWORD });
  });

  it("refuses a cookie copied before sign-out, while another browser stays signed in", async () => {
    const copied = await signIn("eve@test.example");
    const other = await signIn("eve@test.example", "other browser");
    expect(await adminFor(copied)).toMatchObject({ email: "eve@test.example" });
    await signOutWith(copied);
    expect(await adminFor(copied)).toBeNull();
    expect(await adminFor(other)).toMatchObject({ email: "eve@test.example" });
  });

  it("refuses a cookie without a session id (issued before sessions existed)", async () => {
    const admin = await db.admin.findUniqueOrThrow({ where: { email: "eve@test.example" } });
    const legacy = await encode({ token: { adminId: admin.id }, secret: secret() });
    expect(await adminFor(legacy)).toBeNull();
  });

  it("ends every session when the password changes or the admin is disabled", async () => {
    const a = await signIn("eve@test.example");
    await createAdmin({ email: "eve@test.example", name: "Eve", password: PASSWORD });
    expect(await adminFor(a)).toBeNull();
    const b = await signIn("eve@test.example");
    const eve = await db.admin.findUniqueOrThrow({ where: { email: "eve@test.example" } });
    await disableAdmin(eve.id);
    expect(await adminFor(b)).toBeNull();
    expect(await db.session.count({ where: { adminId: eve.id, revokedAt: null } })).toBe(0);
  });

  it("ends a session after 30 idle minutes and 12 hours after sign-in by default", async () => {
    const signedIn = new Date("2031-01-01T08:00:00Z");
    const id = await createSession({ adminId: owner.actor.id!, ip: "10.0.0.1", userAgent: "x" }, signedIn);
    const after = (minutes: number) => new Date(signedIn.getTime() + minutes * 60_000);
    expect(await checkSession(id, owner.actor.id!, after(29))).toBe(true);
    // Used at 29 min: idle counts from there.
    expect(await checkSession(id, owner.actor.id!, after(58))).toBe(true);
    expect(await checkSession(id, owner.actor.id!, after(58 + 31))).toBe(false);
    const busy = await createSession({ adminId: owner.actor.id!, ip: null, userAgent: null }, signedIn);
    for (let m = 20; m < 12 * 60; m += 20)
      expect(await checkSession(busy, owner.actor.id!, after(m))).toBe(true);
    expect(await checkSession(busy, owner.actor.id!, after(12 * 60))).toBe(false);
    // Someone else's session id does not fit this admin.
    const other = await createSession({ adminId: owner.actor.id!, ip: null, userAgent: null });
    const eve = await db.admin.findUniqueOrThrow({ where: { email: "eve@test.example" } });
    expect(await checkSession(other, eve.id)).toBe(false);
  });

  it("lets an admin end one of their sessions or all of them, never someone else's", async () => {
    const id = () => createSession({ adminId: owner.actor.id!, ip: "10.0.0.9", userAgent: "x" });
    const first = await id();
    const second = await id();
    const ctx = { ...owner, actor: { ...owner.actor, sessionId: second } };
    expect(await actionRegistry.get("session.end")!.invoke(ctx, { id: first })).toEqual({
      ok: true,
      data: { current: false },
    });
    expect(await checkSession(first, owner.actor.id!)).toBe(false);
    expect(await checkSession(second, owner.actor.id!)).toBe(true);

    const eve = await db.admin.findUniqueOrThrow({ where: { email: "eve@test.example" } });
    await db.admin.update({ where: { id: eve.id }, data: { disabledAt: null } });
    const evesSession = await createSession({ adminId: eve.id, ip: null, userAgent: null });
    const before = await db.auditEntry.count({ where: { action: "session.end", outcome: "failure" } });
    expect(await actionRegistry.get("session.end")!.invoke(ctx, { id: evesSession })).toMatchObject({
      ok: false,
      error: "This session has already ended.",
    });
    expect(await checkSession(evesSession, eve.id)).toBe(true);
    expect(await db.auditEntry.count({ where: { action: "session.end", outcome: "failure" } })).toBe(
      before + 1,
    );

    const all = await actionRegistry.get("session.end_all")!.invoke(ctx, {});
    expect(all).toMatchObject({ ok: true });
    expect(await checkSession(second, owner.actor.id!)).toBe(false);
  });

  testActionAuthorization(sim, {
    "session.end": async (_owner, role) => {
      const admin = await db.admin.findUniqueOrThrow({ where: { email: `${role}@test.example` } });
      return { id: await createSession({ adminId: admin.id, ip: null, userAgent: null }) };
    },
    "session.end_all": async () => ({}),
  });
});
