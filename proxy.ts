// Runs before every page, action and route handler (Next.js "proxy", formerly middleware).
// Refuses malformed input with a 4xx before Next.js would answer 500, and adds HSTS when the
// portal is served over https. Authorization stays on the server (lib/auth); nothing here grants.
import { NextResponse, type NextRequest } from "next/server";

import { isPortalPath, REQUESTED_PATH_HEADER } from "@/lib/auth/callback-url";

export { isPortalPath };

/** Server Action ids are hex digests (40–42 characters in Next 16). */
const ACTION_ID = /^[0-9a-f]{40,64}$/i;
const ACTION_CONTENT_TYPES = ["text/plain", "multipart/form-data", "application/x-www-form-urlencoded"];

function problem(status: number, error: string): NextResponse {
  return NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

function sameOrigin(request: NextRequest, origin: string): boolean {
  try {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** "$"-prefixed strings a text/plain action body may hold; others point at parts it cannot have. */
const PLAIN_SPECIAL = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d)/;

function plainBodyIsValid(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_SPECIAL.test(value);
  if (Array.isArray(value)) return value.every((v) => plainBodyIsValid(v, depth + 1));
  if (value && typeof value === "object")
    return Object.values(value).every((v) => plainBodyIsValid(v, depth + 1));
  return true;
}

/** Next.js answers 500 to an action body it cannot decode; check the shape first. */
async function actionBodyIsValid(request: NextRequest, type: string): Promise<boolean> {
  try {
    if (type === "multipart/form-data") {
      await request.clone().formData();
      return true;
    }
    if (type !== "text/plain") return true;
    const parsed: unknown = JSON.parse(await request.clone().text());
    return Array.isArray(parsed) && plainBodyIsValid(parsed);
  } catch {
    return false;
  }
}

async function checkServerAction(request: NextRequest): Promise<NextResponse | null> {
  const actionId = request.headers.get("next-action");
  if (actionId === null || request.method !== "POST") return null;
  if (!ACTION_ID.test(actionId)) return problem(400, "This request names no valid server action.");
  const origin = request.headers.get("origin");
  if (origin !== null && !sameOrigin(request, origin))
    return problem(403, "Server actions are accepted only from the portal's own pages.");
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ACTION_CONTENT_TYPES.includes(type))
    return problem(415, "This server action request has an unexpected body type.");
  if (!(await actionBodyIsValid(request, type)))
    return problem(400, "This server action request is malformed.");
  return null;
}

function checkCallbackUrl(request: NextRequest): NextResponse | null {
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl === null || isPortalPath(callbackUrl)) return null;
  const url = request.nextUrl.clone();
  if (request.method !== "GET") return problem(400, "callbackUrl must be a path on this portal.");
  // Drop it: after signing in the admin simply lands on the start page.
  url.searchParams.delete("callbackUrl");
  return NextResponse.redirect(url, 303);
}

/** Tells the page guard which page was asked for, so sign-in can return there (lib/auth/callback-url.ts). */
function withRequestedPath(request: NextRequest): Headers {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return headers;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const refused = (await checkServerAction(request)) ?? checkCallbackUrl(request);
  const response = refused ?? NextResponse.next({ request: { headers: withRequestedPath(request) } });
  if (process.env.NEXTAUTH_URL?.startsWith("https://")) {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  // Everything except Next's static assets (they carry no input).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
