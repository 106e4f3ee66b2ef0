// OAuth2 redirect target (EZEEP_REDIRECT_URI, default http://localhost:3000/code): exchanges the
// authorization code on the server. See lib/organizations/oauth.ts.
import { handleOAuthCallback } from "@/lib/organizations/oauth-callback";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleOAuthCallback(request);
}
