// The portal's background jobs, started once per server process by instrumentation.ts.
// Add a job by appending its definition to `portalJobs()`. PORTAL_JOBS=off disables them all
// (tests that drive jobs call runJobOnce themselves).
import { auditDriftJob, auditMaintenanceJob } from "@/lib/audit/jobs";
import { domainRulesJob } from "@/lib/domain-rules/job";
import { invitationFollowUpJob } from "@/lib/invitations/follow-up";
import { startJobs, type JobDefinition, type RunningJobs } from "@/lib/jobs/runner";

export function portalJobs(): JobDefinition[] {
  return [invitationFollowUpJob, auditDriftJob, auditMaintenanceJob, domainRulesJob];
}

const globalJobs = globalThis as unknown as { __portalJobs?: RunningJobs };

export function startBackgroundJobs(): void {
  if (process.env.PORTAL_JOBS === "off" || globalJobs.__portalJobs) return;
  globalJobs.__portalJobs = startJobs(portalJobs());
}
