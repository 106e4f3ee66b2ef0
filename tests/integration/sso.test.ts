// OpenID Connect sign-in end to end against a real provider (oidc-provider on loopback): the code
// flow through next-auth's handler with lib/auth/options.ts, ID-token validation failures, the
// verified-email rule, just-in-time admins from an IdP group, and turning password sign-in off.
import type { NextAuthOptions } from "next-auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { SsoBrowser, startOidcProvider, type TestOidcProvider } from "@/tests/helpers/oidc";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/auth/sso/actions";

const PORTAL = "http://127.0.0.1:3999"; // never contacted: the tests call next-auth's handler directly
const sim = useSimulator();
let idp: TestOidcProvider;
let options: NextAuthOptions;
const saved = { ...process.env };

beforeAll(async () => {
  idp = await startOidcProvider(PORTAL);
  Object.assign(process.env, {
    NEXTAUTH_URL: PORTAL,
    NEXTAUTH_SECRET: "sso-test-secret-0123456789abcdef",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_NAME: "Test IdP",
    OIDC_JIT_ROLE_MAP: `portal-helpdesk=helpdesk@${sim().organizationId}; portal-admins=admin@${sim().organizationId}`,
  });
  options = (await import("@/lib/auth/options")).authOptions;
});
afterAll(async () => {
  await idp?.close();
  process.env = saved;
});

testActionAuthorization(sim, {
  "settings.password_sign_in": async () => ({ enabled: true }),
});

const token = () => Math.random().toString(36).slice(2, 9);

async function signInAs(account: {
  email: string;
  email_verified: boolean;
  name?: string;
  groups?: string[];
}) {
  const sub = `sub-${token()}`;
  idp.accounts.set(sub, account);
  idp.loginAs = sub;
  const browser = new SsoBrowser(PORTAL, options);
  const landing = await browser.signIn();
  return { browser, landing, adminId: await browser.sessionAdminId(), sub };
}

/** The provider's rejected answer is audited from next-auth's logger, a moment after the redirect. */
async function auditedCallbackFailure(afterId: number, error: RegExp) {
  await vi.waitFor(async () => {
    const entry = await db.auditEntry.findFirst({
      where: { action: "admin.sign_in", actorLabel: "sso", id: { gt: afterId } },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ outcome: "failure", error: expect.stringMatching(error) });
  });
}

const lastId = async () => (await db.auditEntry.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;

const lastSignIn = (label: string) =>
  db.auditEntry.findFirst({ where: { action: "admin.sign_in", actorLabel: label }, orderBy: { id: "desc" } });

describe("SSO sign-in", () => {
  let owner: OrgContext;
  beforeAll(async () => {
    const org = await portalOrganization(sim().organizationId);
    owner = await contextFor(org, "owner", "sso-owner@corp.example");
  });
  beforeEach(() => {
    idp.tamper = null;
  });

  it("signs an existing admin in by verified e-mail and links the identity", async () => {
    const { landing, adminId, sub } = await signInAs({
      email: "SSO-Owner@corp.example",
      email_verified: true,
    });
    expect(landing).toBe(`${PORTAL}/`);
    expect(adminId).toBe(owner.actor.id);
    expect(await db.adminSsoIdentity.findFirst({ where: { subject: sub } })).toMatchObject({
      adminId: owner.actor.id,
      issuer: idp.issuer,
    });
    expect(await lastSignIn("sso-owner@corp.example")).toMatchObject({ outcome: "success" });
  });

  it("refuses an ID token for another audience", async () => {
    const since = await lastId();
    idp.tamper = (claims) => ({ ...claims, aud: "someone-else" });
    const { landing, adminId } = await signInAs({ email: "sso-owner@corp.example", email_verified: true });
    expect(landing).toMatch(/\/signin\?error=OAuthCallback/);
    expect(adminId).toBeNull();
    await auditedCallbackFailure(since, /aud mismatch/);
  });

  it("refuses an expired ID token", async () => {
    const since = await lastId();
    const past = Math.floor(Date.now() / 1000) - 3600;
    idp.tamper = (claims) => ({ ...claims, iat: past - 600, exp: past });
    const { landing, adminId } = await signInAs({ email: "sso-owner@corp.example", email_verified: true });
    expect(landing).toMatch(/\/signin\?error=OAuthCallback/);
    expect(adminId).toBeNull();
    await auditedCallbackFailure(since, /expired/i);
  });

  it("refuses an e-mail the identity provider has not verified, even of an existing admin", async () => {
    const { landing, adminId } = await signInAs({ email: "sso-owner@corp.example", email_verified: false });
    expect(landing).toContain("/signin?error=SsoUnverifiedEmail");
    expect(adminId).toBeNull();
    expect(await lastSignIn("sso-owner@corp.example")).toMatchObject({
      outcome: "failure",
      error: "e-mail not verified by the identity provider",
    });
  });

  it("refuses an unknown e-mail whose groups map to no role (no just-in-time admin)", async () => {
    const email = `nobody-${token()}@corp.example`;
    const { landing, adminId } = await signInAs({ email, email_verified: true, groups: ["staff"] });
    expect(landing).toContain("/signin?error=SsoNoAdmin");
    expect(adminId).toBeNull();
    expect(await db.admin.findUnique({ where: { email } })).toBeNull();
    expect(await lastSignIn(email)).toMatchObject({
      outcome: "failure",
      error: "no portal admin with this e-mail",
    });
  });

  it("creates an admin just in time with the role mapped from an IdP group (highest wins)", async () => {
    const email = `jit-${token()}@corp.example`;
    const { landing, adminId } = await signInAs({
      email,
      email_verified: true,
      name: "Jit Person",
      groups: ["portal-helpdesk", "portal-admins"],
    });
    expect(landing).toBe(`${PORTAL}/`);
    const admin = await db.admin.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    expect(adminId).toBe(admin.id);
    expect(admin.name).toBe("Jit Person");
    expect(admin.roles.map((r) => [r.organizationId, r.role])).toEqual([[owner.organization.id, "admin"]]);
    expect(
      await db.auditEntry.findFirst({ where: { action: "admin.sso_create", targetId: admin.id } }),
    ).toMatchObject({
      outcome: "success",
    });
  });
});

describe("turning password sign-in off", () => {
  const invoke = (ctx: OrgContext, enabled: boolean) =>
    actionRegistry.get("settings.password_sign_in")!.invoke(ctx, { enabled });

  it("is refused until the owner has signed in with SSO, then refuses password sign-ins (audited)", async () => {
    const org = await portalOrganization(sim().organizationId);
    const email = `pw-owner-${token()}@corp.example`;
    const owner = await contextFor(org, "owner", email);
    const refused = await invoke(owner, false);
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Sign in with single sign-on once/),
    });
    expect(
      await db.auditEntry.findFirst({
        where: { action: "settings.password_sign_in", actorId: owner.actor.id },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({ outcome: "failure" });

    await signInAs({ email, email_verified: true });
    expect(await invoke(owner, false)).toEqual({ ok: true, data: { passwordSignIn: false } });

    const credentials = options.providers.find((p) => p.id === "credentials") as unknown as {
      options: { authorize: (c: Record<string, string>, req: unknown) => Promise<unknown> };
    };
    await expect(
      credentials.options.authorize({ email, password: "test-password-123" }, { headers: {} }),
    ).rejects.toThrow(/Password sign-in is turned off/);
    expect(await lastSignIn(email)).toMatchObject({
      outcome: "failure",
      error: "password sign-in is turned off",
    });

    expect(await invoke(owner, true)).toEqual({ ok: true, data: { passwordSignIn: true } });
    await expect(
      credentials.options.authorize({ email, password: "test-password-123" }, { headers: {} }),
    ).resolves.toMatchObject({ email });
  });
});
