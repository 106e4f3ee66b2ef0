// NDD Orbix create or update print-queue users: authenticated by a portal API token, see
// lib/provisioning/ndd/ and the README section "NDD-compatible provisioning API".
import { runNddEndpoint } from "@/lib/provisioning/ndd/http";
import { usersEndpoint } from "@/lib/provisioning/ndd/users";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return runNddEndpoint(usersEndpoint, request);
}
