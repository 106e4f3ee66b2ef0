// Readiness: the database and every organization's ezeep connection (lib/observability/health.ts).
// 200 when ready, 503 otherwise, with the reason per dependency.
import { readiness } from "@/lib/observability/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await readiness();
  return Response.json(report, {
    status: report.status === "ready" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
