// NDD Orbix full sync of user groupings: authenticated by a portal API token, see
// lib/provisioning/ndd/ and the README section "NDD-compatible provisioning API".
import { groupsUsersSyncEndpoint } from "@/lib/provisioning/ndd/groups-sync";
import { runNddEndpoint } from "@/lib/provisioning/ndd/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return runNddEndpoint(groupsUsersSyncEndpoint, request);
}
