// The /code route handler's logic (kept here so tests can call it with a plain Request).
import { requestMeta } from "@/lib/auth/request";
import { ORG_COOKIE } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { moduleLogger } from "@/lib/observability/logger";
import { completeAuthorization, OAUTH_COOKIE, OAUTH_COOKIE_PATH } from "@/lib/organizations/oauth";

function cookieFrom(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

function redirect(location: string, cookies: string[]): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}

export async function handleOAuthCallback(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // The redirect URI may name another host than the one the admin uses (localhost vs 127.0.0.1):
  // the state cookie lives on the portal's own origin, so continue there.
  const portalUrl = env().NEXTAUTH_URL;
  const portal = portalUrl ? new URL(portalUrl) : null;
  const forwardedHost = request.headers.get("host");
  // (once only: behind a proxy that rewrites Host the second request would look foreign again)
  if (portal && forwardedHost && forwardedHost !== portal.host && !url.searchParams.has("portal_fwd")) {
    const next = new URLSearchParams(url.search);
    next.set("portal_fwd", "1");
    return redirect(`${portal.origin}${url.pathname}?${next}`, []);
  }
  const secure = portal?.protocol === "https:" ? "; Secure" : "";
  const clearState = `${OAUTH_COOKIE}=; Path=${OAUTH_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
  try {
    const done = await completeAuthorization({
      code: url.searchParams.get("code"),
      state: url.searchParams.get("state"),
      error: url.searchParams.get("error"),
      cookieValue: cookieFrom(request.headers.get("cookie"), OAUTH_COOKIE),
      meta: requestMeta(request.headers),
    });
    const org = `${ORG_COOKIE}=${encodeURIComponent(done.organization.id)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`;
    const notice = done.created ? "added" : "connected";
    return redirect(`/organizations?notice=${notice}&name=${encodeURIComponent(done.organization.name)}`, [
      clearState,
      org,
    ]);
  } catch (err) {
    const message =
      err instanceof UserFacingError ? err.message : "Something went wrong while connecting. Try again.";
    if (!(err instanceof UserFacingError)) moduleLogger("oauth").error({ err }, "callback failed");
    return redirect(`/organizations?error=${encodeURIComponent(message)}`, [clearState]);
  }
}
