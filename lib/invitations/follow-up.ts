// The invitation follow-up as a background job: every INVITATION_SYNC_INTERVAL_MS (default 5 min)
// one portal instance — the one holding the job's lease in the database — runs
// syncInvitations(org, now) for every organization: status from ezeep, imports, expiry,
// reminders on the schedule, intended role and groups once an invitation is accepted. First it
// reconciles audit entries still "unknown" (writes whose answer ezeep never sent).
import { invitationSettings } from "@/lib/invitations/config";
import { reconcileUnknownChanges } from "@/lib/invitations/reconcile-unknown";
import { organizationsToFollowUp, syncInvitations } from "@/lib/invitations/service";
import type { JobDefinition } from "@/lib/jobs/runner";
import { moduleLogger } from "@/lib/observability/logger";

export const INVITATION_JOB_NAME = "invitation-follow-up";

/** One run over all organizations; one organization's failure does not stop the others. */
export async function followUpAllOrganizations(now = new Date()): Promise<void> {
  for (const org of await organizationsToFollowUp()) {
    try {
      await reconcileUnknownChanges(org, now);
      const summary = await syncInvitations(org, now);
      if (summary.errors.length || summary.ezeepError) {
        moduleLogger("invitations", { organization: org.name }).warn(
          summary.ezeepError ?? summary.errors.slice(0, 3).join("; "),
        );
      }
    } catch (err) {
      moduleLogger("invitations", { organization: org.name }).error({ err }, "follow-up failed");
    }
  }
}

export const invitationFollowUpJob: JobDefinition = {
  name: INVITATION_JOB_NAME,
  get intervalMs() {
    return invitationSettings().syncIntervalMs;
  },
  run: () => followUpAllOrganizations(),
};
