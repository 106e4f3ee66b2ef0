// GET /api/metrics: Prometheus exposition, only with `Authorization: Bearer <METRICS_TOKEN>`.
// Without METRICS_TOKEN configured the endpoint is off (404), so nothing is exposed by accident.
import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { requestMeta } from "@/lib/auth/request";
import { env } from "@/lib/env";
import { metricsExposition } from "@/lib/observability/metrics";

function sameSecret(given: string, expected: string): boolean {
  // Digests first: equal lengths for timingSafeEqual, and no early exit on the length.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function handleMetricsRequest(request: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not found\n", { status: 404 });
  const header = request.headers.get("authorization") ?? "";
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
  if (!given || !sameSecret(given, token)) {
    const meta = requestMeta(request.headers);
    await recordAudit({
      organizationId: null,
      actor: { type: "system", id: null, label: "metrics scraper", ...meta },
      action: "metrics.read",
      target: { type: "portal", label: "/api/metrics" },
      outcome: "failure",
      error: given ? "wrong token" : "no token",
    });
    return new Response("A valid bearer token (METRICS_TOKEN) is required.\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { body, contentType } = await metricsExposition();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
