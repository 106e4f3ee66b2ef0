// After first-run setup with "Connect with ezeep": sends the new owner to ezeep's sign-in; the
// answer comes back to /code (lib/organizations/oauth.ts), which adds the organization.
import { notFound } from "next/navigation";

import { currentAdmin } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { beginFirstRunAuthorization, OAUTH_COOKIE, OAUTH_COOKIE_PATH } from "@/lib/organizations/oauth";
import { firstRunConnectAllowed } from "@/lib/setup/service";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const admin = await currentAdmin();
  if (!admin || !(await firstRunConnectAllowed(admin.id))) notFound();
  const started = beginFirstRunAuthorization(admin.id);
  const secure = env().NEXTAUTH_URL?.startsWith("https://") ? "; Secure" : "";
  const cookie = `${OAUTH_COOKIE}=${encodeURIComponent(started.cookieValue)}; Path=${OAUTH_COOKIE_PATH}; Max-Age=${started.maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
  return new Response(null, {
    status: 303,
    headers: { location: started.url, "set-cookie": cookie, "cache-control": "no-store" },
  });
}
