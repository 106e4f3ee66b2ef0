// Adds one user to the groups their matching rules name: under the user's lock (the same key
// lib/memberships uses), the user's groups are re-read from ezeep, the rules' groups are ADDED to
// that fresh list and the whole list is written back (ezeep replaces a user's group list as a
// whole, see docs/ezeep.md). A rule never removes a group, and a change another admin made a
// moment earlier is part of the list it re-reads. Every write is audited with the rules as reason.
import "server-only";

import { audited } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import type { DomainRuleView } from "@/lib/domain-rules/rules";
import { EzeepError } from "@/lib/ezeep";
import { localized } from "@/lib/i18n/scope";
import { userLockKey, withKeyLock } from "@/lib/locks";
import { ezeepFor } from "@/lib/organizations/service";

import "@/lib/memberships/reconcile";

export type ApplyOutcome = "added" | "unchanged" | "not_yet_accepted" | "failed";

export interface UserApplication {
  userId: string;
  email: string;
  outcome: ApplyOutcome;
  /** Names of the groups the user was added to now. */
  added: string[];
  /** Rule ids that added at least one group. */
  contributingRuleIds: string[];
  error: string | null;
}

export interface ApplyTarget {
  id: string;
  email: string;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Adds `user` to the groups of `rules`. `existingGroups` (id → name) is the organization's group
 * list: groups deleted since the rule was saved are skipped. `source` says what triggered it
 * (apply_existing, invitation, import, ezeep). Never throws: failures come back as outcome.
 */
export async function addGroupsByRules(
  ctx: OrgContext,
  user: ApplyTarget,
  rules: readonly DomainRuleView[],
  existingGroups: ReadonlyMap<string, string>,
  source: string,
): Promise<UserApplication> {
  const base = { userId: user.id, email: user.email, added: [], contributingRuleIds: [], error: null };
  const wanted = [...new Set(rules.flatMap((r) => r.groups.map((g) => g.id)))].filter((id) =>
    existingGroups.has(id),
  );
  if (wanted.length === 0) return { ...base, outcome: "unchanged" };
  const client = ezeepFor(ctx.organization);
  try {
    return await withKeyLock(
      userLockKey(ctx.organization.id, user.id),
      async (): Promise<UserApplication> => {
        const current = [...new Set((await client.printingUsers.get(user.id)).groups.map((g) => g.group_id))];
        const toAdd = wanted.filter((id) => !current.includes(id));
        if (toAdd.length === 0) return { ...base, outcome: "unchanged" };
        const next = [...current, ...toAdd];
        const name = (id: string) => existingGroups.get(id) ?? id;
        const contributing = rules.filter((r) => r.groups.some((g) => toAdd.includes(g.id)));
        const reason = {
          source,
          rules: contributing.map((r) => ({ id: r.id, pattern: r.pattern })),
        };
        await audited(ctx, {
          action: "domain_rule.apply",
          target: { type: "user", id: user.id, label: user.email },
          before: { groups: current.map(name), groupIds: current },
          intended: { groups: next.map(name), groupIds: next, reason },
          run: async () => {
            const updated = await client.printingUsers.setGroups(user.id, next);
            const after = [...new Set(updated.groups.map((g) => g.group_id))];
            return { result: updated, after: { groups: after.map(name), groupIds: after, reason } };
          },
        });
        return {
          ...base,
          outcome: "added",
          added: toAdd.map(name),
          contributingRuleIds: contributing.map((r) => r.id),
        };
      },
      { busyMessage: localized((t) => t("domains.errors.busy", { email: user.email })) },
    );
  } catch (err) {
    if (err instanceof EzeepError && err.status === 404) {
      return {
        ...base,
        outcome: "not_yet_accepted",
        error: localized((t) => t("domains.errors.notInEzeep")),
      };
    }
    return { ...base, outcome: "failed", error: messageOf(err) };
  }
}

/** Per rule: how many users it added to a group in these results. */
export function addedPerRule(results: readonly UserApplication[], ruleIds: readonly string[]) {
  const counts = new Map(ruleIds.map((id) => [id, 0]));
  for (const r of results) for (const id of r.contributingRuleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
