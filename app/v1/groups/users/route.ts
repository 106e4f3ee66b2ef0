// NDD-Orbix-compatible bulk upsert (seed 003): authenticated by a portal API token, see
// lib/provisioning/ndd.ts and the README section "NDD-compatible provisioning API".
import { handleNddGroupsUsers } from "@/lib/provisioning/ndd";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleNddGroupsUsers(request);
}
