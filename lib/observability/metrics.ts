// Prometheus metrics (prom-client), served at /api/metrics behind METRICS_TOKEN. Other modules
// call the small recorders below (one line each) and never touch prom-client themselves, so the
// metric names and labels live in one place. One registry per process, kept across Next.js dev
// reloads; each instance is scraped on its own.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

interface PortalMetrics {
  registry: Registry;
  ezeepRequests: Histogram<"host" | "method" | "status">;
  ezeepThrottleWaits: Counter<"host">;
  ezeepThrottleWaitSeconds: Counter<"host">;
  tokenRequests: Counter<"outcome">;
  jobRuns: Histogram<"job" | "outcome">;
  auditEntries: Counter<"outcome">;
  signInFailures: Counter<"reason">;
}

function createMetrics(): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "portal_" });
  const registers = [registry];
  return {
    registry,
    ezeepRequests: new Histogram({
      name: "portal_ezeep_request_duration_seconds",
      help: "ezeep HTTP requests (each attempt) by host, method and status (0 = no answer: timeout or network error)",
      labelNames: ["host", "method", "status"],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    ezeepThrottleWaits: new Counter({
      name: "portal_ezeep_throttle_waits_total",
      help: "Pauses before a retry because ezeep answered 429/503 with Retry-After",
      labelNames: ["host"],
      registers,
    }),
    ezeepThrottleWaitSeconds: new Counter({
      name: "portal_ezeep_throttle_wait_seconds_total",
      help: "Time spent waiting on ezeep's Retry-After",
      labelNames: ["host"],
      registers,
    }),
    tokenRequests: new Counter({
      name: "portal_ezeep_token_requests_total",
      help: "Token requests to ezeep's OAuth endpoint by outcome",
      labelNames: ["outcome"],
      registers,
    }),
    jobRuns: new Histogram({
      name: "portal_job_run_duration_seconds",
      help: "Background job runs by job and outcome",
      labelNames: ["job", "outcome"],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers,
    }),
    auditEntries: new Counter({
      name: "portal_audit_entries_total",
      help: "Audit entries written or completed, by outcome (pending, success, failure)",
      labelNames: ["outcome"],
      registers,
    }),
    signInFailures: new Counter({
      name: "portal_sign_in_failures_total",
      help: "Refused sign-ins by reason",
      labelNames: ["reason"],
      registers,
    }),
  };
}

const globalMetrics = globalThis as unknown as { __portalMetrics?: PortalMetrics };
const metrics = (): PortalMetrics => (globalMetrics.__portalMetrics ??= createMetrics());

/** The host part of a URL (labels stay few: one per configured ezeep host). */
function hostLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "unknown";
  }
}

/** One attempt of an ezeep request; `status` 0 when no answer came. */
export function recordEzeepRequest(url: string, method: string, status: number, seconds: number): void {
  metrics()
    .ezeepRequests.labels({ host: hostLabel(url), method, status: String(status) })
    .observe(seconds);
}

export function recordThrottleWait(url: string, ms: number): void {
  const host = hostLabel(url);
  metrics().ezeepThrottleWaits.inc({ host });
  metrics().ezeepThrottleWaitSeconds.inc({ host }, ms / 1000);
}

export function recordTokenRequest(outcome: "success" | "failure"): void {
  metrics().tokenRequests.inc({ outcome });
}

export function recordJobRun(job: string, outcome: "success" | "failure" | "skipped", seconds: number): void {
  metrics().jobRuns.labels({ job, outcome }).observe(seconds);
}

export function recordAuditEntry(outcome: string): void {
  metrics().auditEntries.inc({ outcome });
}

export function recordSignInFailure(reason: string): void {
  metrics().signInFailures.inc({ reason });
}

/** The exposition text and its content type, for the /api/metrics route. */
export async function metricsExposition(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
