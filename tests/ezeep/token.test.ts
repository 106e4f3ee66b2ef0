import { describe, expect, it } from "vitest";

import { EzeepError } from "@/lib/ezeep/errors";
import {
  basicAuthHeader,
  createCachingTokenProvider,
  createClientCredentialsTokenProvider,
  decodeJwtClaims,
  refreshMarginMs,
  type IssuedToken,
} from "@/lib/ezeep/token";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("token caching and single-flight", () => {
  it("refresh margin is min(60 s, 10 % of ttl)", () => {
    expect(refreshMarginMs(3_600_000)).toBe(60_000);
    expect(refreshMarginMs(300_000)).toBe(30_000);
    expect(refreshMarginMs(0)).toBe(0);
  });

  it("100 concurrent callers share one request; the token is cached until the margin", async () => {
    let clock = 1_000_000;
    let calls = 0;
    const d = deferred<IssuedToken>();
    const p = createCachingTokenProvider(
      () => {
        calls++;
        return calls === 1
          ? d.promise
          : Promise.resolve({ accessToken: `t${calls}`, expiresInSeconds: 3600 });
      },
      { now: () => clock },
    );
    const waiters = Array.from({ length: 100 }, () => p.getAccessToken());
    d.resolve({ accessToken: "t1", expiresInSeconds: 3600 });
    expect(new Set(await Promise.all(waiters))).toEqual(new Set(["t1"]));
    expect(calls).toBe(1);
    clock += 3_600_000 - 60_001;
    expect(await p.getAccessToken()).toBe("t1");
    clock += 2;
    expect(await p.getAccessToken()).toBe("t2");
    expect(calls).toBe(2);
  });

  it("a failure rejects all waiters and is not cached", async () => {
    let calls = 0;
    const d = deferred<IssuedToken>();
    const p = createCachingTokenProvider(() => {
      calls++;
      return calls === 1 ? d.promise : Promise.resolve({ accessToken: "ok", expiresInSeconds: 3600 });
    });
    const waiters = Array.from({ length: 10 }, () => p.getAccessToken());
    d.reject(new Error("boom"));
    const results = await Promise.allSettled(waiters);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(await p.getAccessToken()).toBe("ok");
    expect(calls).toBe(2);
  });

  it("invalidate drops the token only if it is still the cached one", async () => {
    let n = 0;
    const p = createCachingTokenProvider(async () => ({ accessToken: `t${++n}`, expiresInSeconds: 3600 }));
    expect(await p.getAccessToken()).toBe("t1");
    p.invalidate("t1");
    expect(await p.getAccessToken()).toBe("t2");
    p.invalidate("t1"); // stale: another caller already replaced it
    expect(await p.getAccessToken()).toBe("t2");
    expect(n).toBe(2);
  });
});

describe("client credentials request", () => {
  it("POSTs the form with Basic auth, organization_id, and never leaks the secret", async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetchFn = (async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(url), init: init! });
      return new Response(
        JSON.stringify({ access_token: "abc", token_type: "Bearer", expires_in: 3600, scope: "" }),
        {
          status: 200,
        },
      );
    }) as typeof fetch;
    const p = createClientCredentialsTokenProvider({
      accountUrl: "https://account.example/",
      clientId: "cid",
      clientSecret: "s3cret",
      organizationId: "org-1",
      fetch: fetchFn,
    });
    expect(await p.getAccessToken()).toBe("abc");
    expect(seen[0]!.url).toBe("https://account.example/oauth/access_token/");
    const h = seen[0]!.init.headers as Record<string, string>;
    expect(h.Authorization).toBe(basicAuthHeader("cid", "s3cret"));
    expect(h.Authorization).toBe(`Basic ${Buffer.from("cid:s3cret").toString("base64")}`);
    expect(seen[0]!.init.body).toBe("grant_type=client_credentials&scope=printing&organization_id=org-1");
    expect(JSON.stringify(p)).not.toContain("s3cret");
  });

  it("maps an invalid_client answer to kind auth", async () => {
    const fetchFn = (async () =>
      new Response(JSON.stringify({ error: "invalid_client" }), { status: 401 })) as unknown as typeof fetch;
    const p = createClientCredentialsTokenProvider({
      accountUrl: "https://a",
      clientId: "x",
      clientSecret: "y",
      fetch: fetchFn,
    });
    const e = await p.getAccessToken().catch((x) => x);
    expect(e).toBeInstanceOf(EzeepError);
    expect(e.kind).toBe("auth");
    expect(e.message).toMatch(/rejected the portal's credentials/);
  });

  it("decodes JWT claims", () => {
    const payload = Buffer.from(JSON.stringify({ org: "o1", exp: 5 })).toString("base64url");
    expect(decodeJwtClaims(`h.${payload}.s`)).toEqual({ org: "o1", exp: 5 });
    expect(decodeJwtClaims("opaque")).toBeNull();
  });
});
