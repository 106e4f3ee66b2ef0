// OAuth and API authentication (docs/ezeep.md#authentication).
import { createHash, randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { startSimulator } from "@/lib/ezeep-simulator";

import { authCode, basic, call, ccToken, tokenRequest, useSim, type Json } from "./helpers";

const { sim, token } = useSim({ seed: "demo" });

function claimsOf(jwt: string): Json {
  const [h, p] = jwt.split(".");
  expect(JSON.parse(Buffer.from(h, "base64url").toString())).toMatchObject({ typ: "JWT", alg: "RS256" });
  return JSON.parse(Buffer.from(p, "base64url").toString()) as Json;
}

describe("token endpoint", () => {
  it('§1.2/§1.3 client_credentials returns a Bearer RS256 JWT, scope "" and no refresh_token', async () => {
    const r = await tokenRequest(sim(), { grant_type: "client_credentials", scope: "printing" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "" });
    expect(r.body.refresh_token).toBeUndefined();
    const c = claimsOf(r.body.access_token as string);
    expect(c).toMatchObject({ iss: sim().accountUrl, scopes: "printing", org: sim().organizationId });
    expect((c.exp as number) - (c.iat as number)).toBe(3600);
    expect(typeof c.sub).toBe("string");
  });

  it("§1.2 the token path works without the trailing slash too", async () => {
    const c = sim().clients[0];
    const r = await fetch(`${sim().accountUrl}/oauth/access_token`, {
      method: "POST",
      headers: {
        authorization: basic(c.clientId, c.clientSecret),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    expect(r.status).toBe(200);
  });

  it("§2.5 wrong Basic secret → 401 invalid_client (RFC 6749 body)", async () => {
    const c = sim().clients[0];
    const r = await tokenRequest(sim(), { grant_type: "client_credentials" }, { ...c, clientSecret: "nope" });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: "invalid_client", error_description: expect.any(String) });
    expect(r.headers.get("www-authenticate")).toMatch(/^Basic/);
  });

  it("§2.5 missing client authentication and unknown client → 401 invalid_client", async () => {
    expect((await tokenRequest(sim(), { grant_type: "client_credentials" }, null)).body.error).toBe(
      "invalid_client",
    );
    const r = await tokenRequest(
      sim(),
      { grant_type: "client_credentials" },
      { clientId: "ghost", clientSecret: "x", organizationIds: [] },
    );
    expect(r.status).toBe(401);
  });

  it("§2.5 unsupported grant → 400 unsupported_grant_type; missing grant → 400 invalid_request", async () => {
    expect(
      (await tokenRequest(sim(), { grant_type: "password", username: "a", password: "b" })).body,
    ).toMatchObject({ error: "unsupported_grant_type" });
    const r = await tokenRequest(sim(), {});
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_request");
  });

  it("§1.8 (CONTRACTS) organization_id selects a controlled org; a foreign one → 400 invalid_request", async () => {
    const ok = await tokenRequest(sim(), {
      grant_type: "client_credentials",
      organization_id: sim().organizationId,
    });
    expect(claimsOf(ok.body.access_token as string).org).toBe(sim().organizationId);
    const bad = await tokenRequest(sim(), {
      grant_type: "client_credentials",
      organization_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_request");
  });
});

describe("authorization code flow", () => {
  it("§1.4 GET /oauth/authorize answers 301 to /oauth/authorize/ keeping the query", async () => {
    const r = await fetch(`${sim().accountUrl}/oauth/authorize?response_type=code&client_id=x`, {
      redirect: "manual",
    });
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe("/oauth/authorize/?response_type=code&client_id=x");
  });

  it("§1.4 the authorize page shows an Allow form whose POST redirects to redirect_uri with code and state", async () => {
    const c = sim().clients[0];
    const q = new URLSearchParams({
      response_type: "code",
      client_id: c.clientId,
      redirect_uri: "http://localhost:3000/code",
      state: "xyz",
    });
    const page = await fetch(`${sim().accountUrl}/oauth/authorize/?${q}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Allow");
    expect(html).toContain('method="post"');
    const user = /<option value="([^"]+)" selected/.exec(html)?.[1] ?? "";
    const post = await fetch(`${sim().accountUrl}/oauth/authorize/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...Object.fromEntries(q), user, decision: "allow" }),
      redirect: "manual",
    });
    expect(post.status).toBe(302);
    const loc = new URL(post.headers.get("location") ?? "");
    expect(loc.origin + loc.pathname).toBe("http://localhost:3000/code");
    expect(loc.searchParams.get("state")).toBe("xyz");
    expect(loc.searchParams.get("code")).toBeTruthy();
  });

  it("§1.4 Deny redirects with error=access_denied", async () => {
    const c = sim().clients[0];
    const post = await fetch(`${sim().accountUrl}/oauth/authorize/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        response_type: "code",
        client_id: c.clientId,
        redirect_uri: "http://127.0.0.1:3000/code",
        state: "s",
        decision: "deny",
      }),
      redirect: "manual",
    });
    expect(new URL(post.headers.get("location") ?? "").searchParams.get("error")).toBe("access_denied");
  });

  it("§1.4 an unregistered redirect_uri is refused without redirecting", async () => {
    const c = sim().clients[0];
    const q = new URLSearchParams({
      response_type: "code",
      client_id: c.clientId,
      redirect_uri: "http://evil.example/cb",
      auto: "1",
    });
    const r = await fetch(`${sim().accountUrl}/oauth/authorize/?${q}`, { redirect: "manual" });
    expect(r.status).toBe(400);
    expect(r.headers.get("location")).toBeNull();
  });

  it("§1.3 authorization_code returns access + refresh tokens; the code is single-use", async () => {
    const code = await authCode(sim(), {});
    const form = { grant_type: "authorization_code", code, redirect_uri: "http://localhost:3000/code" };
    const r = await tokenRequest(sim(), form);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      scope: "printing",
      refresh_token: expect.any(String),
    });
    const c = claimsOf(r.body.access_token as string);
    expect(c.org).toBe(sim().organizationId);
    const me = await call(sim(), r.body.access_token as string, "GET", "/v1/users/me");
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(c.sub);
    const again = await tokenRequest(sim(), form);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe("invalid_grant");
  });

  it("§1.3 authorization_code with a different redirect_uri → invalid_grant", async () => {
    const code = await authCode(sim(), {});
    const r = await tokenRequest(sim(), {
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://127.0.0.1:3000/code",
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });

  it("§1.4 PKCE S256: the right code_verifier works, a wrong or missing one → invalid_grant", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const pkce = { code_challenge: challenge, code_challenge_method: "S256" };
    const base = { grant_type: "authorization_code", redirect_uri: "http://localhost:3000/code" };

    const code1 = await authCode(sim(), pkce);
    expect(
      (
        await tokenRequest(sim(), {
          ...base,
          code: code1,
          code_verifier: "wrong-verifier-wrong-verifier-wrong-verifier",
        })
      ).body.error,
    ).toBe("invalid_grant");
    expect((await tokenRequest(sim(), { ...base, code: code1 })).body.error).toBe("invalid_grant");
    const ok = await tokenRequest(sim(), { ...base, code: code1, code_verifier: verifier });
    expect(ok.status).toBe(200);
  });

  it("§1.4 PKCE with a non-S256 method is rejected back to the client", async () => {
    const c = sim().clients[0];
    const q = new URLSearchParams({
      response_type: "code",
      client_id: c.clientId,
      redirect_uri: c.redirectUris?.[0] ?? "",
      code_challenge: "abc",
      code_challenge_method: "plain",
      auto: "1",
    });
    const r = await fetch(`${sim().accountUrl}/oauth/authorize/?${q}`, { redirect: "manual" });
    expect(new URL(r.headers.get("location") ?? "").searchParams.get("error")).toBe("invalid_request");
  });

  it("§1.2 refresh tokens rotate: each refresh gives a new one and reusing the old one → 400 invalid_grant", async () => {
    const code = await authCode(sim(), {});
    const first = await tokenRequest(sim(), {
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://localhost:3000/code",
    });
    const rt1 = first.body.refresh_token as string;
    const second = await tokenRequest(sim(), {
      grant_type: "refresh_token",
      refresh_token: rt1,
      scope: "printing",
    });
    expect(second.status).toBe(200);
    const rt2 = second.body.refresh_token as string;
    expect(rt2).toBeTruthy();
    expect(rt2).not.toBe(rt1);
    const reuse = await tokenRequest(sim(), { grant_type: "refresh_token", refresh_token: rt1 });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe("invalid_grant");
    expect((await tokenRequest(sim(), { grant_type: "refresh_token", refresh_token: rt2 })).status).toBe(200);
  });

  it("§1.3 a refresh token of another client → invalid_grant", async () => {
    const s = await startSimulator({
      seed: "empty",
      clients: [
        { clientId: "a", clientSecret: "sa", organizationIds: [] },
        { clientId: "b", clientSecret: "sb", organizationIds: [] },
      ],
    });
    try {
      const code = await authCode(s, {}, s.clients[0]);
      const t = await tokenRequest(
        s,
        { grant_type: "authorization_code", code, redirect_uri: "http://localhost:3000/code" },
        s.clients[0],
      );
      const r = await tokenRequest(
        s,
        { grant_type: "refresh_token", refresh_token: t.body.refresh_token as string },
        s.clients[1],
      );
      expect(r.body.error).toBe("invalid_grant");
    } finally {
      await s.close();
    }
  });

  it("§1.3 POST /oauth/revoke/ kills a refresh token", async () => {
    const code = await authCode(sim(), {});
    const t = await tokenRequest(sim(), {
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://localhost:3000/code",
    });
    const c = sim().clients[0];
    const r = await fetch(`${sim().accountUrl}/oauth/revoke/`, {
      method: "POST",
      headers: {
        authorization: basic(c.clientId, c.clientSecret),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ token: t.body.refresh_token as string }),
    });
    expect(r.status).toBe(200);
    expect(
      (
        await tokenRequest(sim(), {
          grant_type: "refresh_token",
          refresh_token: t.body.refresh_token as string,
        })
      ).body.error,
    ).toBe("invalid_grant");
  });
});

describe("bearer authentication on the APIs", () => {
  it("§1.7 a valid token is accepted on both hosts", async () => {
    expect((await call(sim(), token(), "GET", "/printing/v1/groups/")).status).toBe(200);
    expect((await call(sim(), token(), "GET", "/v1/users/")).status).toBe(200);
  });

  it("Appendix A: missing token → 401 {detail}", async () => {
    const r = await call(sim(), null, "GET", "/printing/v1/groups/");
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ detail: "Authentication credentials were not provided." });
    expect((await call(sim(), null, "GET", "/v1/users/")).status).toBe(401);
  });

  it("Appendix A: a forged or garbage token → 401 {detail}", async () => {
    const t = token();
    const [h, p] = t.split(".");
    const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Json;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, org: "x" })).toString("base64url")}.${t.split(".")[2]}`;
    for (const bad of [forged, "not-a-jwt"]) {
      const r = await call(sim(), bad, "GET", "/printing/v1/groups/");
      expect(r.status).toBe(401);
      expect(typeof r.body.detail).toBe("string");
    }
  });

  it("Appendix A: an expired token (ttl elapsed) → 401", async () => {
    const s = await startSimulator({ seed: "empty", tokenTtlSeconds: 1 });
    try {
      const t = await ccToken(s);
      expect((await call(s, t, "GET", "/printing/v1/groups/")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2100));
      const r = await call(s, t, "GET", "/printing/v1/groups/");
      expect(r.status).toBe(401);
      expect(r.body.detail).toBe("Given token not valid for any token type");
    } finally {
      await s.close();
    }
  });

  it("Appendix A: expireAllTokens() invalidates every issued access token", async () => {
    const s = await startSimulator({ seed: "empty" });
    try {
      const t = await ccToken(s);
      s.expireAllTokens();
      expect((await call(s, t, "GET", "/printing/v1/groups/")).status).toBe(401);
      expect((await call(s, await ccToken(s), "GET", "/printing/v1/groups/")).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("§3.2 an ordinary user's token lists only themselves and cannot write", async () => {
    const list = await call<{
      results: { id: string; email: string; roles: string[]; is_verified: boolean }[];
    }>(sim(), token(), "GET", "/v1/users/?per_page=100");
    const plain = list.body.results.find((u) => u.is_verified && !u.roles.includes("admin"));
    expect(plain).toBeDefined();
    const code = await authCode(sim(), { user: plain?.email ?? "" });
    const t = await tokenRequest(sim(), {
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://localhost:3000/code",
    });
    const userToken = t.body.access_token as string;
    const own = await call<{ count: number; results: { id: string }[] }>(
      sim(),
      userToken,
      "GET",
      "/v1/users/",
    );
    expect(own.body.count).toBe(1);
    expect(own.body.results[0].id).toBe(plain?.id);
    const w = await call(sim(), userToken, "POST", "/printing/v1/groups/", { name: "Nope" });
    expect(w.status).toBe(403);
    expect(w.body).toEqual({ detail: "You do not have permission to perform this action." });
  });
});
