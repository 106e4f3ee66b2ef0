// The rules page's table: pattern, groups, counts, last applied, conflicts.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import type { RuleListItem } from "@/lib/domain-rules/service";
import { Badge, formatDateTime } from "@/lib/ui/components";

function patternOf(rules: RuleListItem[], id: string): string {
  return rules.find((r) => r.id === id)?.pattern ?? id;
}

/** One rule: its pattern (linked) with conflict and overlap badges, groups, counts, last run. */
function RuleRow({ rule, rules }: { rule: RuleListItem; rules: RuleListItem[] }) {
  const t = useTranslations("domains.table");
  const locale = useLocale();
  return (
    <tr>
      <td className="px-4 py-3 align-top">
        <Link href={`/domains/${rule.id}`} className="font-medium text-brand-700 hover:underline">
          {rule.pattern}
        </Link>
        {rule.joinedAfter ? (
          <div className="text-xs text-slate-500">
            {t("joinedAfter", { date: rule.joinedAfter.toISOString().slice(0, 10) })}
          </div>
        ) : null}
        <div className="mt-1 flex flex-wrap gap-1">
          {rule.conflictsWith.length ? (
            <Badge tone="red" title={t("conflictTitle")}>
              {t("conflict", { count: rule.conflictsWith.length + 1 })}
            </Badge>
          ) : null}
          {rule.overlapsWith.map((id) => (
            <Badge key={id} tone="amber" title={t("overlapTitle")}>
              {t("overlaps", { pattern: patternOf(rules, id) })}
            </Badge>
          ))}
        </div>
      </td>
      <td className="px-4 py-3 align-top text-slate-700">{rule.groups.map((g) => g.name).join(", ")}</td>
      <td className="px-4 py-3 text-right align-top tabular-nums">{rule.usersMatched ?? "—"}</td>
      <td className="px-4 py-3 text-right align-top tabular-nums">{rule.usersAdded}</td>
      <td className="px-4 py-3 align-top text-slate-600">
        {rule.lastAppliedAt ? formatDateTime(rule.lastAppliedAt, locale) : t("never")}
      </td>
    </tr>
  );
}

export function RulesTable({ rules }: { rules: RuleListItem[] }) {
  const t = useTranslations("domains.table");
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              {t("domain")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("groups")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              {t("matched")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              {t("added")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("lastApplied")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rules.map((rule) => (
            <RuleRow key={rule.id} rule={rule} rules={rules} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
