// Stored rules and which of them apply to one user. No ezeep calls here.
import "server-only";

import { db } from "@/lib/db";
import { matchesPattern } from "@/lib/domain-rules/patterns";

export interface RuleGroup {
  id: string;
  name: string;
}

export interface DomainRuleView {
  id: string;
  pattern: string;
  groups: RuleGroup[];
  joinedAfter: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lastAppliedAt: Date | null;
  usersAdded: number;
}

type Row = NonNullable<Awaited<ReturnType<typeof db.domainRule.findFirst>>>;

function parseGroups(text: string): RuleGroup[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.flatMap((g: { id?: unknown; name?: unknown }) =>
      typeof g?.id === "string" ? [{ id: g.id, name: typeof g.name === "string" ? g.name : g.id }] : [],
    );
  } catch {
    return [];
  }
}

export function toRuleView(row: Row): DomainRuleView {
  return {
    id: row.id,
    pattern: row.pattern,
    groups: parseGroups(row.groups),
    joinedAfter: row.joinedAfter,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastAppliedAt: row.lastAppliedAt,
    usersAdded: row.usersAdded,
  };
}

export async function rulesOf(organizationId: string): Promise<DomainRuleView[]> {
  const rows = await db.domainRule.findMany({
    where: { organizationId },
    orderBy: [{ pattern: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(toRuleView);
}

export async function findRule(organizationId: string, id: string): Promise<DomainRuleView | null> {
  const row = await db.domainRule.findFirst({ where: { id, organizationId } });
  return row ? toRuleView(row) : null;
}

/** Whether the rule's "only users who join after" allows a user who joined at `joinedAt`. */
export function joinedInTime(rule: Pick<DomainRuleView, "joinedAfter">, joinedAt: Date | null): boolean {
  if (!rule.joinedAfter) return true;
  return joinedAt !== null && joinedAt.getTime() > rule.joinedAfter.getTime();
}

/** The rules that give groups to this user. */
export function rulesFor<R extends Pick<DomainRuleView, "pattern" | "joinedAfter">>(
  rules: readonly R[],
  email: string,
  joinedAt: Date | null,
): R[] {
  return rules.filter((r) => matchesPattern(email, r.pattern) && joinedInTime(r, joinedAt));
}

/** The union of the rules' group ids, in rule order. */
export function groupIdsOf(rules: readonly Pick<DomainRuleView, "groups">[]): string[] {
  return [...new Set(rules.flatMap((r) => r.groups.map((g) => g.id)))];
}

/** Records that the rules were applied now and how many users each one added to a group. */
export async function noteApplied(added: Map<string, number>, at = new Date()): Promise<void> {
  for (const [id, count] of added) {
    await db.domainRule.updateMany({
      where: { id },
      data: { lastAppliedAt: at, ...(count > 0 ? { usersAdded: { increment: count } } : {}) },
    });
  }
}
