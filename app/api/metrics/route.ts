// Prometheus metrics, protected by METRICS_TOKEN (lib/observability/metrics-handler.ts).
import { handleMetricsRequest } from "@/lib/observability/metrics-handler";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleMetricsRequest(request);
}
