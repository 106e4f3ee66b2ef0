// The portal's background jobs, started once per server process by instrumentation.ts.
// Add a job by appending its definition to `portalJobs()`. PORTAL_JOBS=off disables them all
// (tests that drive jobs call runJobOnce / runDueSlot themselves). With several instances every
// instance polls, and each interval's run happens once (lib/jobs/runner.ts).
import "server-only";

import { auditDriftJob, auditMaintenanceJob } from "@/lib/audit/jobs";
import { domainRulesJob } from "@/lib/domain-rules/job";
import { env } from "@/lib/env";
import { invitationFollowUpJob } from "@/lib/invitations/follow-up";
import { startJobs, type JobDefinition, type RunningJobs } from "@/lib/jobs/runner";
import { usersDirectoryJob } from "@/lib/users/directory";

export function portalJobs(): JobDefinition[] {
  return [invitationFollowUpJob, auditDriftJob, auditMaintenanceJob, usersDirectoryJob, domainRulesJob];
}

const globalJobs = globalThis as unknown as { __portalJobs?: RunningJobs };

export function startBackgroundJobs(): void {
  if (env().PORTAL_JOBS === "off" || globalJobs.__portalJobs) return;
  globalJobs.__portalJobs = startJobs(portalJobs());
}
