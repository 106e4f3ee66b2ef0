// The /code route handler's logic (kept here so tests can call it with a plain Request).
import "server-only";

import { boundedInput, recordUnauthenticatedFailure, trackAuditWrites } from "@/lib/audit/refusals";
import { requestMeta } from "@/lib/auth/request";
import { ORG_COOKIE } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { CONNECT_ERRORS, connectErrorCode } from "@/lib/organizations/connect-errors";
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
  const meta = requestMeta(request.headers);
  const tracked = await trackAuditWrites(() =>
    completeAuthorization({
      code: url.searchParams.get("code"),
      state: url.searchParams.get("state"),
      error: url.searchParams.get("error"),
      cookieValue: cookieFrom(request.headers.get("cookie"), OAUTH_COOKIE),
      meta,
    }),
  );
  if (tracked.ok) {
    const done = tracked.value;
    const org = `${ORG_COOKIE}=${encodeURIComponent(done.organization.id)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`;
    const notice = done.created ? "added" : "connected";
    return redirect(`/organizations?notice=${notice}&name=${encodeURIComponent(done.organization.name)}`, [
      clearState,
      org,
    ]);
  }
  const err = tracked.error;
  const message = err instanceof UserFacingError ? err.message : CONNECT_ERRORS.failed;
  if (!(err instanceof UserFacingError)) console.error("[oauth] callback failed", err);
  // Anyone can call /code: a refusal without an entry of its own is recorded, aggregated per source.
  if (tracked.writes === 0) {
    await recordUnauthenticatedFailure("code", meta.ip, {
      organizationId: null,
      actor: { type: "admin", id: null, label: "(OAuth callback)", ...meta },
      action: "organization.connect",
      target: { type: "organization" },
      after: boundedInput(Object.fromEntries(url.searchParams)),
      outcome: "failure",
      error: message.slice(0, 500),
    });
  }
  return redirect(`/organizations?error=${connectErrorCode(message)}`, [clearState]);
}
