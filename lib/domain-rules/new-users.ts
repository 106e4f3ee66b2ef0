// Domain rules for NEW users, whoever created them: the invitation follow-up (accepted
// invitations), NDD/CSV imports and the job that compares ezeep's user list with the users the
// rules have already seen (users created in ezeep's own console). Each user is handled once: the
// DomainRuleUser row is claimed before anything is written, so two sources never both apply.
import "server-only";

import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { mapPool as mapLimit } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { addedPerRule, addGroupsByRules, type UserApplication } from "@/lib/domain-rules/apply";
import { noteApplied, rulesFor, rulesOf } from "@/lib/domain-rules/rules";
import { ezeepFor } from "@/lib/organizations/service";

export const DOMAIN_RULES_ACTOR = { type: "system", id: null, label: "Domain rules" } as const;

/** A failed application is tried again by the job this many times in all. */
export const MAX_ATTEMPTS = 5;
const CONCURRENCY = 4;
const ID_CHUNK = 400;

export interface NewUser {
  /** ezeep user id; null entries are ignored (a caller's person who is no user yet). */
  id: string | null | undefined;
  email: string;
  /** When the user joined, for rules "only users who join after"; default now. */
  joinedAt?: Date | string | null;
}

/** Called when the first rule of an organization is saved: new users are followed from now on. */
export async function startTracking(organizationId: string, now = new Date()): Promise<void> {
  await db.domainRuleTracking.upsert({
    where: { organizationId },
    create: { organizationId, since: now },
    update: {},
  });
}

/** Called when a rule is deleted: with no rule left, tracking starts afresh with the next rule. */
export async function stopTrackingIfNoRules(organizationId: string): Promise<void> {
  if ((await db.domainRule.count({ where: { organizationId } })) > 0) return;
  await db.domainRuleUser.deleteMany({ where: { organizationId } });
  await db.domainRuleTracking.deleteMany({ where: { organizationId } });
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

async function organizationRef(organizationId: string): Promise<OrganizationRef | null> {
  const org = await db.organization.findUnique({ where: { id: organizationId } });
  return org ? { id: org.id, ezeepId: org.ezeepId, name: org.name, connection: org.connection } : null;
}

/** Takes the user for this run: a new row, or a failed one due for another attempt. */
async function claim(organizationId: string, user: { id: string; email: string }, source: string) {
  try {
    await db.domainRuleUser.create({
      data: {
        organizationId,
        ezeepUserId: user.id,
        email: user.email,
        state: "claimed",
        source,
        attempts: 1,
      },
    });
    return true;
  } catch {
    const retried = await db.domainRuleUser.updateMany({
      where: { organizationId, ezeepUserId: user.id, state: "failed", attempts: { lt: MAX_ATTEMPTS } },
      data: { state: "claimed", attempts: { increment: 1 } },
    });
    return retried.count === 1;
  }
}

async function settle(organizationId: string, result: UserApplication): Promise<void> {
  const where = { organizationId_ezeepUserId: { organizationId, ezeepUserId: result.userId } };
  if (result.outcome === "not_yet_accepted") {
    // Not a printing user yet: forget the claim so the user is handled once they are.
    await db.domainRuleUser.delete({ where }).catch(() => undefined);
    return;
  }
  const state = { added: "applied", unchanged: "applied", failed: "failed" }[result.outcome];
  await db.domainRuleUser.update({ where, data: { state, error: result.error } });
}

async function unseen(organizationId: string, users: { id: string }[]): Promise<Set<string>> {
  const ids = [...new Set(users.map((u) => u.id))];
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db.domainRuleUser.findMany({
      where: {
        organizationId,
        ezeepUserId: { in: ids.slice(i, i + ID_CHUNK) },
        NOT: { state: "failed", attempts: { lt: MAX_ATTEMPTS } },
      },
      select: { ezeepUserId: true },
    });
    for (const r of rows) known.add(r.ezeepUserId);
  }
  return new Set(ids.filter((id) => !known.has(id)));
}

/**
 * THE entry point for new users: applies the organization's domain rules to each user not
 * handled before (adding groups only, each change audited with the rules and `source` as reason).
 * Never throws — a caller's own work (an import, the follow-up) must not fail because of it.
 */
export async function applyDomainRulesToNewUsers(
  organizationId: string,
  users: readonly NewUser[],
  source: string,
): Promise<UserApplication[]> {
  try {
    const rules = await rulesOf(organizationId);
    const candidates = users.flatMap((u) => (u.id ? [{ ...u, id: u.id, email: u.email.toLowerCase() }] : []));
    if (rules.length === 0 || candidates.length === 0) return [];
    const org = await organizationRef(organizationId);
    if (!org) return [];
    const fresh = await unseen(organizationId, candidates);
    const todo = [...new Map(candidates.filter((u) => fresh.has(u.id)).map((u) => [u.id, u])).values()];
    const ctx: OrgContext = { actor: { ...DOMAIN_RULES_ACTOR }, organization: org, role: null };
    const names = todo.length ? await groupNamesOf(org) : new Map<string, string>();
    const results = await mapLimit(todo, CONCURRENCY, async (user) => {
      if (!(await claim(organizationId, user, source))) return null;
      const matching = rulesFor(rules, user.email, toDate(user.joinedAt) ?? new Date());
      if (matching.length === 0) {
        await db.domainRuleUser.update({
          where: { organizationId_ezeepUserId: { organizationId, ezeepUserId: user.id } },
          data: { state: "no_match" },
        });
        return null;
      }
      const result = await addGroupsByRules(ctx, user, matching, names, source);
      await settle(organizationId, result);
      return result;
    });
    const done = results.filter((r): r is UserApplication => r !== null);
    const touched = [...new Set(done.flatMap((r) => (r.outcome === "failed" ? [] : r.contributingRuleIds)))];
    if (touched.length) await noteApplied(addedPerRule(done, touched));
    return done;
  } catch (err) {
    console.error(`[domain-rules] new users of ${organizationId} (${source}):`, err);
    return [];
  }
}

async function groupNamesOf(org: OrganizationRef): Promise<Map<string, string>> {
  const groups = await ezeepFor(org).groups.all({ pageSize: 100 });
  return new Map(groups.map((g) => [g.id, g.name]));
}
