// Adapters that let other features hand their new users to the domain rules in one line.
import "server-only";

import { db } from "@/lib/db";
import { applyDomainRulesToNewUsers } from "@/lib/domain-rules/new-users";
import type { ApplyResult, Plan } from "@/lib/provisioning/engine/types";

/**
 * After an NDD/CSV import: the ezeep users it matched. Users who joined ezeep before the rules
 * were followed are existing users (they get a rule only through "Apply to existing users");
 * people it invited are handled when they accept (invitation follow-up).
 */
export async function applyDomainRulesAfterImport(
  organizationId: string,
  plan: Plan,
  result: ApplyResult,
): Promise<void> {
  const tracking = await db.domainRuleTracking.findUnique({ where: { organizationId } });
  if (!tracking) return; // no rules
  const matched = result.users.flatMap((u) => {
    if (!u.userId || (u.outcome !== "added" && u.outcome !== "unchanged")) return [];
    const joined = plan.accounts.get(u.email.trim().toLowerCase())?.date_joined;
    const joinedAt = joined ? new Date(joined) : null;
    if (joinedAt && !Number.isNaN(joinedAt.getTime()) && joinedAt <= tracking.since) return [];
    return [{ id: u.userId, email: u.email, joinedAt }];
  });
  await applyDomainRulesToNewUsers(organizationId, matched, "import");
}
