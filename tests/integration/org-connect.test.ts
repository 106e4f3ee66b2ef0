// Connecting an organization by authorization code (state + PKCE), the encrypted rotating
// refresh token, single-flight refresh (also across instances through the database lock), and
// disconnecting.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { actionRegistry } from "@/lib/auth/action";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { beginAuthorization, completeAuthorization, pkceChallenge } from "@/lib/organizations/oauth";
import { handleOAuthCallback } from "@/lib/organizations/oauth-callback";
import { ezeepFor, forgetEzeepClient } from "@/lib/organizations/service";
import {
  createAuthorizationCodeTokenProvider,
  readRefreshToken,
  saveRefreshToken,
} from "@/lib/organizations/token-store";
import { testActionAuthorization } from "@/tests/helpers/authorization";
import { contextFor, portalOrganization } from "@/tests/helpers/portal";
import { useSimulator } from "@/tests/helpers/simulator";

import "@/lib/organizations/actions";

const previousEnv = { key: process.env.PORTAL_ENCRYPTION_KEY, url: process.env.NEXTAUTH_URL };
process.env.PORTAL_ENCRYPTION_KEY = randomBytes(32).toString("base64");
delete process.env.NEXTAUTH_URL;

const invoke = (name: string, ctx: OrgContext, input: unknown) =>
  actionRegistry.get(name)!.invoke(ctx, input);
const meta = { ip: "127.0.0.1", userAgent: "vitest", requestId: "req-oauth" };

describe("connecting an organization by authorization code", () => {
  const sim = useSimulator();
  let owner: OrgContext;
  let org: OrganizationRef;

  beforeAll(async () => {
    org = await portalOrganization(sim().organizationId);
    owner = await contextFor(org, "owner", "connect-owner@test.example");
  });
  afterAll(() => {
    if (previousEnv.key === undefined) delete process.env.PORTAL_ENCRYPTION_KEY;
    else process.env.PORTAL_ENCRYPTION_KEY = previousEnv.key;
    if (previousEnv.url !== undefined) process.env.NEXTAUTH_URL = previousEnv.url;
  });

  testActionAuthorization(sim, {
    "organization.connect": async () => ({}),
    "organization.disconnect": async (ownerCtx) => {
      await saveRefreshToken(ownerCtx.organization.id, "dummy-refresh-token", null);
      await db.organization.update({
        where: { id: ownerCtx.organization.id },
        data: { connection: "authorization_code" },
      });
      return {};
    },
  });

  /** Runs the browser's part: the authorize page approves (`auto=1`) and redirects with code + state. */
  async function authorize(url: string): Promise<URL> {
    const res = await fetch(`${url}&auto=1`, { redirect: "manual" });
    expect(res.status).toBeGreaterThanOrEqual(300);
    return new URL(res.headers.get("location")!);
  }

  function callback(back: URL, cookieValue: string | null) {
    return handleOAuthCallback(
      new Request(back.toString(), {
        headers: cookieValue ? { cookie: `other=1; portal_oauth=${encodeURIComponent(cookieValue)}` } : {},
      }),
    );
  }

  it("starts with state and an S256 PKCE challenge to the configured redirect URI", async () => {
    // (the authorization tests above left the organization "connected" with a dummy token)
    await db.organization.update({
      where: { id: org.id },
      data: { connection: "client_credentials", refreshTokenCipher: null },
    });
    const started = beginAuthorization(owner);
    const url = new URL(started.url);
    expect(url.pathname).toBe("/oauth/authorize/");
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:3000/code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")!.length).toBeGreaterThanOrEqual(32);
    // the cookie is encrypted: neither the verifier nor the state can be read from it
    expect(started.cookieValue).not.toContain(url.searchParams.get("state"));
    const action = await invoke("organization.connect", owner, {});
    expect(action).toMatchObject({ ok: true, data: { url: expect.stringContaining("/oauth/authorize/?") } });
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    ); // RFC 7636 B
  });

  it("refuses an answer with a wrong state, without the cookie, after 10 minutes, or when denied", async () => {
    const started = beginAuthorization(owner);
    const back = await authorize(started.url);
    const wrong = new URL(back);
    wrong.searchParams.set("state", "forged");
    for (const res of [await callback(wrong, started.cookieValue), await callback(back, null)]) {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/organizations\?error=/);
    }
    await expect(
      completeAuthorization({
        code: back.searchParams.get("code"),
        state: back.searchParams.get("state"),
        error: null,
        cookieValue: started.cookieValue,
        meta,
        now: Date.now() + 11 * 60_000,
      }),
    ).rejects.toThrow(/10 minutes/);
    await expect(
      completeAuthorization({
        code: null,
        state: back.searchParams.get("state"),
        error: "access_denied",
        cookieValue: started.cookieValue,
        meta,
      }),
    ).rejects.toThrow(/not allowed/);
    expect(sim().stats().tokenRequests.authorization_code).toBe(0);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).connection).toBe(
      "client_credentials",
    );
  });

  it("exchanges the code on the server, stores the refresh token encrypted and audits the connection", async () => {
    sim().resetStats();
    const started = beginAuthorization(owner);
    const back = await authorize(started.url);
    expect(`${back.origin}${back.pathname}`).toBe("http://localhost:3000/code");
    const res = await callback(back, started.cookieValue);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/organizations?notice=connected&name=Acme%20Corp");
    expect(res.headers.get("set-cookie")).toMatch(/portal_oauth=; Path=\/code; Max-Age=0/);
    expect(sim().stats().tokenRequests.authorization_code).toBe(1);

    const row = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.connection).toBe("authorization_code");
    expect(row.refreshTokenCipher).toMatch(/^v1\./);
    const plain = await readRefreshToken(org.id);
    expect(plain).toBeTruthy();
    expect(row.refreshTokenCipher).not.toContain(plain!);
    const entry = await db.auditEntry.findFirst({
      where: { action: "organization.connect", outcome: "success" },
    });
    expect(entry).toMatchObject({ organizationId: org.id, actorId: owner.actor.id });
    expect(JSON.stringify(entry)).not.toContain(plain!);

    // the same answer cannot be replayed (single-use code, and the state cookie is gone from the browser)
    const replay = await callback(back, started.cookieValue);
    expect(replay.headers.get("location")).toMatch(/error=/);

    org = { ...org, connection: "authorization_code" };
    const groups = await ezeepFor(org).groups.list();
    expect(groups.results.length).toBeGreaterThan(0);
    expect(sim().stats().tokenRequests.refresh_token).toBe(0); // the exchanged access token is used first
  });

  it("50 concurrent calls with an expired access token cause exactly one refresh, and the rotated token is stored", async () => {
    const before = await readRefreshToken(org.id);
    sim().expireAllTokens();
    sim().resetStats();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => ezeepFor(org).groups.list({ limit: 1 })),
    );
    expect(results).toHaveLength(50);
    expect(sim().stats().tokenRequests).toMatchObject({ refresh_token: 1, failed: 0 });
    const after = await readRefreshToken(org.id);
    expect(after).not.toBe(before);
  });

  it("two portal instances refreshing at once each use the current token once (database lock), never an old one", async () => {
    forgetEzeepClient(org.id);
    sim().resetStats();
    const config = {
      accountUrl: sim().accountUrl,
      clientId: sim().clients[0]!.clientId,
      clientSecret: sim().clients[0]!.clientSecret,
    };
    const a = createAuthorizationCodeTokenProvider(org, config);
    const b = createAuthorizationCodeTokenProvider(org, config);
    const tokens = await Promise.all([
      a.getAccessToken(),
      b.getAccessToken(),
      a.getAccessToken(),
      b.getAccessToken(),
    ]);
    expect(new Set(tokens).size).toBe(2);
    expect(sim().stats().tokenRequests).toMatchObject({ refresh_token: 2, failed: 0 });
  });

  it("disconnecting revokes the refresh token at ezeep and deletes it", async () => {
    const token = (await readRefreshToken(org.id))!;
    const result = await invoke("organization.disconnect", owner, {});
    expect(result).toMatchObject({ ok: true });
    const row = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row).toMatchObject({
      connection: "client_credentials",
      refreshTokenCipher: null,
      tokenExpiresAt: null,
    });
    // ezeep no longer accepts the revoked token
    const res = await fetch(`${sim().accountUrl}/oauth/access_token/`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sim().clients[0]!.clientId}:${sim().clients[0]!.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token }),
    });
    expect(res.status).toBe(400);
    expect(
      await db.auditEntry.findFirst({
        where: { action: "organization.disconnect", outcome: "success", actorId: owner.actor.id },
      }),
    ).not.toBeNull();
  });
});

describe("the /code redirect between hosts", () => {
  it("continues once on NEXTAUTH_URL's host (where the state cookie lives), never in a loop", async () => {
    const saved = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
    try {
      const first = await handleOAuthCallback(
        new Request("http://localhost:3000/code?code=c&state=s", { headers: { host: "localhost:3000" } }),
      );
      expect(first.status).toBe(303);
      expect(first.headers.get("location")).toBe("http://127.0.0.1:3000/code?code=c&state=s&portal_fwd=1");
      const second = await handleOAuthCallback(
        new Request("http://localhost:3000/code?code=c&state=s&portal_fwd=1", {
          headers: { host: "localhost:3000" },
        }),
      );
      expect(second.headers.get("location")).toMatch(/^\/organizations\?error=/);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});
