// Domain rules: saving them (audited), the rules page (counts, conflicts), the preview of which
// existing users a rule would give which groups, and applying a rule to existing users on request.
import "server-only";

import { recordAudit } from "@/lib/audit/service";
import type { OrgContext } from "@/lib/auth/context";
import { mapPool as mapLimit } from "@/lib/concurrency";
import { db } from "@/lib/db";
import { addedPerRule, addGroupsByRules, type UserApplication } from "@/lib/domain-rules/apply";
import { startTracking, stopTrackingIfNoRules } from "@/lib/domain-rules/new-users";
import { patternsOverlap } from "@/lib/domain-rules/patterns";
import {
  findRule,
  noteApplied,
  rulesFor,
  rulesOf,
  type DomainRuleView,
  type RuleGroup,
} from "@/lib/domain-rules/rules";
import type { ApplyExistingInput, RuleInput, UpdateRuleInput } from "@/lib/domain-rules/schemas";
import { listOrgUsers, type RuleUser } from "@/lib/domain-rules/users";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { localized } from "@/lib/i18n/scope";
import { ezeepFor } from "@/lib/organizations/service";
import { byName } from "@/lib/sort";

/** Users handled at once by one "apply to existing users" call (each under its own lock). */
const APPLY_CONCURRENCY = 4;

export interface RuleListItem extends DomainRuleView {
  /** Existing users whose address the rule matches (and who joined in time). */
  usersMatched: number | null;
  /** Other rules for the same domain pattern. */
  conflictsWith: string[];
  /** Rules whose patterns can match the same addresses (e.g. a domain under a wildcard). */
  overlapsWith: string[];
}

export interface RulesOverview {
  rules: RuleListItem[];
  /** null when ezeep's users could not be read (counts then show as unknown). */
  usersError: string | null;
}

export async function listRules(ctx: OrgContext): Promise<RulesOverview> {
  const rules = await rulesOf(ctx.organization.id);
  let users: RuleUser[] | null = null;
  let usersError: string | null = null;
  if (rules.length > 0) {
    try {
      users = (await listOrgUsers(ctx)).users;
    } catch (err) {
      usersError = err instanceof Error ? err.message : String(err);
    }
  }
  const items = rules.map((rule) => ({
    ...rule,
    usersMatched: users ? users.filter((u) => rulesFor([rule], u.email, u.dateJoined).length).length : null,
    conflictsWith: rules.filter((o) => o.id !== rule.id && o.pattern === rule.pattern).map((o) => o.id),
    overlapsWith: rules
      .filter((o) => o.pattern !== rule.pattern && patternsOverlap(o.pattern, rule.pattern))
      .map((o) => o.id),
  }));
  return { rules: items, usersError };
}

/** The organization's groups (id → name), read from ezeep. */
async function groupNames(ctx: OrgContext): Promise<Map<string, string>> {
  const groups = await ezeepFor(ctx.organization).groups.all({ pageSize: 100 });
  return new Map(groups.map((g) => [g.id, g.name]));
}

async function resolveRuleGroups(ctx: OrgContext, ids: readonly string[]): Promise<RuleGroup[]> {
  const names = await groupNames(ctx);
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length) {
    throw new UserFacingError("A chosen group no longer exists in ezeep. Reload the page and choose again.", {
      groupIds: missing,
    });
  }
  return ids.map((id) => ({ id, name: names.get(id)! }));
}

function snapshot(rule: { pattern: string; groups: RuleGroup[]; joinedAfter: Date | null }) {
  return {
    pattern: rule.pattern,
    groups: rule.groups.map((g) => g.name),
    groupIds: rule.groups.map((g) => g.id),
    joinedAfter: rule.joinedAfter?.toISOString() ?? null,
  };
}

export async function createRule(ctx: OrgContext, input: RuleInput): Promise<DomainRuleView> {
  const groups = await resolveRuleGroups(ctx, input.groupIds);
  const row = await db.domainRule.create({
    data: {
      organizationId: ctx.organization.id,
      pattern: input.pattern,
      groups: JSON.stringify(groups),
      joinedAfter: input.joinedAfter,
      createdById: ctx.actor.id,
    },
  });
  await startTracking(ctx.organization.id);
  const after = snapshot({ ...input, groups });
  await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: "domain_rule.create",
    target: { type: "domain_rule", id: row.id, label: input.pattern },
    after,
    outcome: "success",
  });
  return (await findRule(ctx.organization.id, row.id))!;
}

async function existingRule(ctx: OrgContext, id: string): Promise<DomainRuleView> {
  const rule = await findRule(ctx.organization.id, id);
  if (!rule) throw new NotFoundError(localized((t) => t("domains.errors.notFoundWhat")));
  return rule;
}

export async function updateRule(ctx: OrgContext, input: UpdateRuleInput): Promise<DomainRuleView> {
  const before = await existingRule(ctx, input.id);
  const groups = await resolveRuleGroups(ctx, input.groupIds);
  await db.domainRule.update({
    where: { id: before.id },
    data: { pattern: input.pattern, groups: JSON.stringify(groups), joinedAfter: input.joinedAfter },
  });
  await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: "domain_rule.update",
    target: { type: "domain_rule", id: before.id, label: input.pattern },
    before: snapshot(before),
    after: snapshot({ ...input, groups }),
    outcome: "success",
  });
  return (await findRule(ctx.organization.id, before.id))!;
}

export async function deleteRule(ctx: OrgContext, input: { id: string }): Promise<{ id: string }> {
  const before = await existingRule(ctx, input.id);
  await db.domainRule.deleteMany({ where: { id: before.id, organizationId: ctx.organization.id } });
  await stopTrackingIfNoRules(ctx.organization.id);
  await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: "domain_rule.delete",
    target: { type: "domain_rule", id: before.id, label: before.pattern },
    before: snapshot(before),
    outcome: "success",
  });
  return { id: before.id };
}

export type PreviewStatus = "will_join" | "already_in_groups" | "not_yet_accepted" | "joined_too_early";

export interface PreviewRow {
  userId: string;
  email: string;
  name: string;
  status: PreviewStatus;
  /** Groups the user would be added to (names). */
  groupsToAdd: string[];
}

export interface RulePreview {
  pattern: string;
  matched: number;
  counts: Record<PreviewStatus, number>;
  /** At most PREVIEW_ROWS rows, the ones that would change first. */
  rows: PreviewRow[];
  /** Every user id that would join a group (what "apply to existing users" works through). */
  userIdsToChange: string[];
}

const PREVIEW_ROWS = 500;
const STATUS_ORDER: PreviewStatus[] = [
  "will_join",
  "not_yet_accepted",
  "joined_too_early",
  "already_in_groups",
];

function previewRow(rule: DomainRuleView, user: RuleUser, names: Map<string, string>): PreviewRow {
  const base = { userId: user.id, email: user.email, name: user.name, groupsToAdd: [] as string[] };
  if (rulesFor([rule], user.email, user.dateJoined).length === 0)
    return { ...base, status: "joined_too_early" };
  const missing = rule.groups.filter((g) => !user.groupIds.includes(g.id));
  const groupsToAdd = missing.map((g) => names.get(g.id) ?? g.name);
  if (!user.verified || !user.printing) return { ...base, groupsToAdd, status: "not_yet_accepted" };
  if (missing.length === 0) return { ...base, status: "already_in_groups" };
  return { ...base, groupsToAdd, status: "will_join" };
}

/** Which existing users the rule (saved or not) matches and which groups each would get. */
export async function previewRule(
  ctx: OrgContext,
  rule: { pattern: string; groupIds: string[]; joinedAfter: Date | null },
): Promise<RulePreview> {
  const { users, groupNames: names } = await listOrgUsers(ctx);
  const view: DomainRuleView = {
    id: "preview",
    pattern: rule.pattern,
    groups: rule.groupIds.map((id) => ({ id, name: names.get(id) ?? id })),
    joinedAfter: rule.joinedAfter,
    createdAt: new Date(),
    updatedAt: new Date(),
    lastAppliedAt: null,
    usersAdded: 0,
  };
  const matching = users.filter((u) => rulesFor([{ ...view, joinedAfter: null }], u.email, null).length);
  const rows = matching.map((u) => previewRow(view, u, names));
  const counts = { will_join: 0, already_in_groups: 0, not_yet_accepted: 0, joined_too_early: 0 };
  for (const r of rows) counts[r.status] += 1;
  rows.sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.email.localeCompare(b.email),
  );
  return {
    pattern: rule.pattern,
    matched: rows.length,
    counts,
    rows: rows.slice(0, PREVIEW_ROWS),
    userIdsToChange: rows.filter((r) => r.status === "will_join").map((r) => r.userId),
  };
}

export async function previewSavedRule(ctx: OrgContext, input: { id: string }): Promise<RulePreview> {
  const rule = await existingRule(ctx, input.id);
  return previewRule(ctx, { ...rule, groupIds: rule.groups.map((g) => g.id) });
}

export interface ApplyExistingResult {
  results: UserApplication[];
}

/**
 * One batch of "apply to existing users": each listed user is checked again on the server (the
 * address must still match the rule), then added to the rule's groups under their own lock.
 */
export async function applyRuleToExisting(
  ctx: OrgContext,
  input: ApplyExistingInput,
): Promise<ApplyExistingResult> {
  const rule = await existingRule(ctx, input.id);
  const [{ users }, names] = await Promise.all([listOrgUsers(ctx), groupNames(ctx)]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const results = await mapLimit(
    input.userIds,
    APPLY_CONCURRENCY,
    async (userId): Promise<UserApplication> => {
      const user = byId.get(userId);
      if (!user || rulesFor([rule], user.email, user.dateJoined).length === 0) {
        return {
          userId,
          email: user?.email ?? userId,
          outcome: "failed",
          added: [],
          contributingRuleIds: [],
          error: localized((t) => t("domains.errors.noMatch")),
        };
      }
      return addGroupsByRules(ctx, user, [rule], names, "apply_existing");
    },
  );
  await noteApplied(addedPerRule(results, [rule.id]));
  const count = (o: UserApplication["outcome"]) => results.filter((r) => r.outcome === o).length;
  await recordAudit({
    organizationId: ctx.organization.id,
    actor: ctx.actor,
    action: "domain_rule.apply_existing",
    target: { type: "domain_rule", id: rule.id, label: rule.pattern },
    after: {
      users: results.length,
      added: count("added"),
      unchanged: count("unchanged"),
      notYetAccepted: count("not_yet_accepted"),
      failed: results.filter((r) => r.outcome === "failed").map((r) => `${r.email}: ${r.error}`),
    },
    outcome: count("failed") === results.length ? "failure" : "success",
    error: count("failed") === results.length ? "no user could be changed" : null,
  });
  return { results };
}

/** Audit entries of one rule: its own changes and every user it added to groups. */
export async function ruleHistory(ctx: OrgContext, ruleId: string, take = 50) {
  return db.auditEntry.findMany({
    where: {
      organizationId: ctx.organization.id,
      OR: [
        { targetType: "domain_rule", targetId: ruleId },
        { action: "domain_rule.apply", after: { contains: `"${ruleId}"` } },
      ],
    },
    orderBy: { id: "desc" },
    take,
  });
}

/** The groups a rule can name, sorted by name (for the rule editor). */
export async function groupChoices(ctx: OrgContext): Promise<RuleGroup[]> {
  const names = await groupNames(ctx);
  return [...names].map(([id, name]) => ({ id, name })).sort(byName);
}
