// The domain rule page's sections: the header summing the rule up (groups, users added, last
// applied), and for admins who may change memberships: apply to existing users, edit the rule.
import { useLocale, useTranslations } from "next-intl";

import type { ActionResult } from "@/lib/auth/action";
import { ApplyExisting } from "@/lib/domain-rules/components/apply-existing";
import { DeleteRuleButton } from "@/lib/domain-rules/components/delete-rule-button";
import { RuleEditor } from "@/lib/domain-rules/components/rule-editor";
import type { DomainRuleView, RuleGroup } from "@/lib/domain-rules/rules";
import { Card, formatDateTime, Notice, PageHeader } from "@/lib/ui/components";

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** `canWrite` adds the delete button. */
export function RuleHeader({ rule, canWrite }: { rule: DomainRuleView; canWrite: boolean }) {
  const t = useTranslations("domains");
  const locale = useLocale();
  const summary = {
    groups: rule.groups.map((g) => g.name).join(", "),
    count: rule.usersAdded,
    lastApplied: rule.lastAppliedAt ? formatDateTime(rule.lastAppliedAt, locale) : t("detail.never"),
  };
  return (
    <PageHeader
      title={rule.pattern}
      description={
        rule.joinedAfter
          ? t("detail.descriptionAfter", { ...summary, date: isoDay(rule.joinedAfter) })
          : t("detail.descriptionAll", summary)
      }
      actions={canWrite ? <DeleteRuleButton rule={rule} /> : null}
    />
  );
}

function EditRuleSection({ rule, groups }: { rule: DomainRuleView; groups: ActionResult<RuleGroup[]> }) {
  const t = useTranslations("domains");
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title" className="mb-2 text-base font-semibold text-slate-900">
        {t("detail.editTitle")}
      </h2>
      {groups.ok ? (
        <RuleEditor
          groups={groups.data}
          rule={{
            id: rule.id,
            pattern: rule.pattern,
            groupIds: rule.groups.map((g) => g.id),
            joinedAfter: rule.joinedAfter ? isoDay(rule.joinedAfter) : null,
          }}
        />
      ) : (
        <Notice tone="error">{t("new.groupsError", { error: groups.error })}</Notice>
      )}
    </section>
  );
}

/** `groups`: the organization's groups the editor offers (or why they could not be read). */
export function RuleWriteSections({
  rule,
  groups,
}: {
  rule: DomainRuleView;
  groups: ActionResult<RuleGroup[]>;
}) {
  const t = useTranslations("domains");
  return (
    <div className="space-y-6">
      <Card className="p-5">
        <h2 className="mb-1 text-base font-semibold text-slate-900">{t("detail.applyTitle")}</h2>
        <p className="mb-4 text-sm text-slate-600">{t("detail.applyBody")}</p>
        <ApplyExisting ruleId={rule.id} />
      </Card>
      <EditRuleSection rule={rule} groups={groups} />
    </div>
  );
}
