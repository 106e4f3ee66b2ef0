// Liveness: the process is up and serving. Touches no dependency (see /api/health/ready).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
