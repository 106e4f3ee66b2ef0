// The job step for users created outside the portal (ezeep's own console): every
// DOMAIN_RULES_SCAN_INTERVAL_MS it lists each organization's users (only organizations with
// rules) and hands the ones the rules have not seen to applyDomainRulesToNewUsers. The first scan
// after the first rule records the users who were there before as "existing" — they get a rule
// only through "Apply to existing users".
import { rawEnv } from "@/lib/env";

import "server-only";

import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { applyDomainRulesToNewUsers, DOMAIN_RULES_ACTOR, startTracking } from "@/lib/domain-rules/new-users";
import { listOrgUsers, type RuleUser } from "@/lib/domain-rules/users";
import type { JobDefinition } from "@/lib/jobs/runner";

export const DOMAIN_RULES_JOB_NAME = "domain-rules-new-users";

export function scanIntervalMs(env: NodeJS.ProcessEnv = rawEnv()): number {
  const value = Number(env.DOMAIN_RULES_SCAN_INTERVAL_MS);
  return Number.isFinite(value) && value >= 1000 ? value : 5 * 60_000;
}

async function recordExisting(organizationId: string, users: RuleUser[]): Promise<void> {
  const known = new Set(
    (await db.domainRuleUser.findMany({ where: { organizationId }, select: { ezeepUserId: true } })).map(
      (r) => r.ezeepUserId,
    ),
  );
  for (const user of users) {
    if (known.has(user.id)) continue;
    await db.domainRuleUser
      .create({
        data: { organizationId, ezeepUserId: user.id, email: user.email, state: "existing", source: "ezeep" },
      })
      .catch(() => undefined); // claimed meanwhile by another source
  }
}

/** One scan of one organization; returns how many users were handed to the rules. */
export async function scanForNewUsers(organizationId: string, now = new Date()): Promise<number> {
  const org = await db.organization.findUnique({ where: { id: organizationId } });
  if (!org || (await db.domainRule.count({ where: { organizationId } })) === 0) return 0;
  await startTracking(organizationId, now);
  const tracking = (await db.domainRuleTracking.findUnique({ where: { organizationId } }))!;
  const ctx: OrgContext = {
    actor: { ...DOMAIN_RULES_ACTOR },
    organization: { id: org.id, ezeepId: org.ezeepId, name: org.name, connection: org.connection },
    role: null,
  };
  try {
    // Invitees have no printing row yet: they count once they have accepted.
    const ready = (await listOrgUsers(ctx, { fresh: true })).users.filter((u) => u.verified && u.printing);
    let candidates = ready;
    if (!tracking.baselinedAt) {
      const before = (u: RuleUser) => !u.dateJoined || u.dateJoined <= tracking.since;
      await recordExisting(organizationId, ready.filter(before));
      candidates = ready.filter((u) => !before(u));
    }
    await applyDomainRulesToNewUsers(
      organizationId,
      candidates.map((u) => ({ id: u.id, email: u.email, joinedAt: u.dateJoined })),
      "ezeep",
    );
    await db.domainRuleTracking.update({
      where: { organizationId },
      data: { baselinedAt: tracking.baselinedAt ?? now, lastScanAt: now, lastScanError: null },
    });
    return candidates.length;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.domainRuleTracking.update({
      where: { organizationId },
      data: { lastScanAt: now, lastScanError: message },
    });
    throw err;
  }
}

export async function scanAllOrganizations(now = new Date()): Promise<void> {
  const orgs = await db.domainRule.findMany({
    distinct: ["organizationId"],
    select: { organizationId: true },
  });
  for (const { organizationId } of orgs) {
    try {
      await scanForNewUsers(organizationId, now);
    } catch (err) {
      console.error(
        `[domain-rules] scan of ${organizationId} failed:`,
        err instanceof Error ? err.message : err,
      );
    }
  }
}

export const domainRulesJob: JobDefinition = {
  name: DOMAIN_RULES_JOB_NAME,
  get intervalMs() {
    return scanIntervalMs();
  },
  run: () => scanAllOrganizations(),
};
