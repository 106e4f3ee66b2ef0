// Background jobs of the audit log (registered in lib/jobs/index.ts).
import { detectDriftForAll } from "@/lib/audit/drift";
import { pruneAuditLog, refreshPlannerStatistics, sealStalePending } from "@/lib/audit/retention";
import { env } from "@/lib/env";
import type { JobDefinition } from "@/lib/jobs/runner";

/** Snapshots ezeep and records changes made outside the portal (AUDIT_DRIFT_INTERVAL_MINUTES, default 15). */
export const auditDriftJob: JobDefinition = {
  name: "audit-drift",
  intervalMs: env().AUDIT_DRIFT_INTERVAL_MINUTES * 60_000,
  run: () => detectDriftForAll(),
};

/** Seals pending entries whose process died, applies the retention period, refreshes SQLite's planner statistics (hourly). */
export const auditMaintenanceJob: JobDefinition = {
  name: "audit-maintenance",
  intervalMs: 60 * 60_000,
  run: async () => {
    await sealStalePending();
    await pruneAuditLog();
    await refreshPlannerStatistics();
  },
};
