// Kept for existing load-balancer configurations: the same answer as /api/health/live.
import { GET as live } from "./live/route";

export const dynamic = "force-dynamic";

export const GET = live;
