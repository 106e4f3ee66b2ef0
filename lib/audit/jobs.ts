// Background jobs of the audit log (registered in lib/jobs/index.ts).
import "server-only";

import { detectDriftForAll, DRIFT_JOB_NAME } from "@/lib/audit/drift";
import { aggregateTemplate, flushFailureWindows } from "@/lib/audit/refusals";
import { pruneAuditLog, refreshPlannerStatistics, sealStalePending } from "@/lib/audit/retention";
import { pruneSessions } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { pruneJobRuns, type JobDefinition } from "@/lib/jobs/runner";

/** Snapshots ezeep and records changes made outside the portal (AUDIT_DRIFT_INTERVAL_MINUTES, default 15). */
export const auditDriftJob: JobDefinition = {
  name: DRIFT_JOB_NAME,
  intervalMs: env().AUDIT_DRIFT_INTERVAL_MINUTES * 60_000,
  run: () => detectDriftForAll(),
};

/**
 * Seals pending entries whose process died, applies the retention period, forgets job runs older
 * than 30 days, refreshes SQLite's planner statistics (hourly).
 */
export const auditMaintenanceJob: JobDefinition = {
  name: "audit-maintenance",
  intervalMs: 60 * 60_000,
  run: async () => {
    await sealStalePending();
    // Counts of unauthenticated failures whose minute is over and no later failure flushed.
    await flushFailureWindows(aggregateTemplate);
    await pruneSessions();
    await pruneAuditLog();
    await pruneJobRuns();
    await refreshPlannerStatistics();
  },
};
