// NDD-Orbix-compatible bulk upsert (seed 003): authenticated by a portal API token, see
// lib/provisioning/ndd/ and the README section "NDD-compatible provisioning API".
import { groupsUsersEndpoint } from "@/lib/provisioning/ndd/groups-users";
import { runNddEndpoint } from "@/lib/provisioning/ndd/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return runNddEndpoint(groupsUsersEndpoint, request);
}
