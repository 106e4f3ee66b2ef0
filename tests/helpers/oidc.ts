// A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, for SSO tests,
// and a cookie-keeping driver for next-auth's handler (lib/auth/options.ts) — the browser's part
// of the code flow done with fetch. `tamper` re-signs the next ID tokens with the provider's own
// key after changing claims (a wrong audience, an expired token), which a compliant provider
// would never issue by itself.
import { createPrivateKey, createSign, generateKeyPairSync, type JsonWebKey } from "node:crypto";
import type { AddressInfo } from "node:net";

import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** The account the next login interaction signs in as. */
  loginAs: string | null;
  tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function resign(
  token: string,
  change: (c: Record<string, unknown>) => Record<string, unknown>,
  jwk: JsonWebKey,
) {
  const [header, payload] = token.split(".");
  const claims = change(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  const body = `${header}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign("RSA-SHA256")
    .update(body)
    .sign(createPrivateKey({ key: jwk, format: "jwk" }));
  return `${body}.${b64url(signature)}`;
}

export async function startOidcProvider(portalUrl: string): Promise<TestOidcProvider> {
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const signingKey = { ...jwk, kid: "test-key", alg: "RS256", use: "sig" };
  const { createServer } = await import("node:http");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: TestOidcProvider = {
    issuer,
    clientId: "portal-test",
    clientSecret: "portal-test-secret-0123456789",
    accounts: new Map(),
    loginAs: null,
    tamper: null,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: [`${portalUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey as never] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = state.accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    const login = /^\/interaction\/([^/]+)$/.exec(ctx.path);
    if (login) {
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: state.loginAs ?? "" } });
      ctx.respond = false;
      return;
    }
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && state.tamper && body?.id_token) {
      ctx.body = { ...body, id_token: resign(body.id_token, state.tamper, jwk) };
    }
  });
  server.on("request", provider.callback());
  return state;
}

type AuthOptions = import("next-auth").NextAuthOptions;
interface PortalAnswer {
  redirect?: string;
  body?: unknown;
}

/** The browser side: cookies for the portal and the provider, redirects followed by hand. */
export class SsoBrowser {
  readonly portalCookies = new Map<string, string>();
  private providerCookies = new Map<string, string>();
  constructor(
    private readonly portalUrl: string,
    private readonly options: AuthOptions,
  ) {}

  /** One request to next-auth's handler (its API-route form), as a browser would make it. */
  async portal(
    method: string,
    path: string,
    extra: { query?: Record<string, string>; body?: Record<string, string> } = {},
  ): Promise<PortalAnswer> {
    const NextAuth = (await import("next-auth")).default as unknown as (
      req: unknown,
      res: unknown,
      options: AuthOptions,
    ) => Promise<void>;
    const headers = new Map<string, string | string[]>();
    const answer: PortalAnswer = {};
    const res = {
      status: () => res,
      setHeader: (k: string, v: string | string[]) => {
        headers.set(k.toLowerCase(), v);
        return res;
      },
      getHeader: (k: string) => headers.get(k.toLowerCase()),
      end: () => undefined,
      json: (b: unknown) => void (answer.body = b),
      send: (b: unknown) => void (answer.body = b),
    };
    const req = {
      method,
      query: { ...extra.query, nextauth: path.split("/") },
      body: extra.body ?? {},
      cookies: Object.fromEntries(this.portalCookies),
      headers: { host: new URL(this.portalUrl).host, "user-agent": "vitest-sso" },
    };
    await NextAuth(req, res, this.options);
    const location = headers.get("location");
    if (typeof location === "string") answer.redirect = location;
    for (const c of [headers.get("set-cookie") ?? []].flat()) {
      const [pair, ...attrs] = c.split(";");
      const at = pair.indexOf("=");
      const gone = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (gone) this.portalCookies.delete(pair.slice(0, at));
      else this.portalCookies.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    }
    return answer;
  }

  /** Runs the whole code flow; returns where the portal sends the browser at the end. */
  async signIn(): Promise<string> {
    const csrf = (await this.portal("GET", "csrf")).body as { csrfToken: string };
    const start = await this.portal("POST", "signin/oidc", {
      body: { csrfToken: csrf.csrfToken, callbackUrl: `${this.portalUrl}/` },
    });
    let location = start.redirect ?? "";
    for (let hops = 0; hops < 10 && location && !location.startsWith(this.portalUrl); hops++) {
      const res = await fetch(location, { redirect: "manual", headers: { cookie: this.providerJar() } });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair.indexOf("=");
        this.providerCookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
      location = new URL(res.headers.get("location") ?? "", location).toString();
    }
    const callback = new URL(location);
    const done = await this.portal("GET", "callback/oidc", {
      query: Object.fromEntries(callback.searchParams),
    });
    const errorPage = `${this.portalUrl}/api/auth/error`;
    if (!done.redirect?.startsWith(errorPage)) return done.redirect ?? "";
    // next-auth's own error route forwards to the portal's page (pages.error).
    const query = Object.fromEntries(new URL(done.redirect).searchParams);
    return (await this.portal("GET", "error", { query })).redirect ?? "";
  }

  /** The admin id the session cookie carries, or null. */
  async sessionAdminId(): Promise<string | null> {
    const session = (await this.portal("GET", "session")).body as { adminId?: string } | null;
    return session?.adminId ?? null;
  }

  private providerJar() {
    return [...this.providerCookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
