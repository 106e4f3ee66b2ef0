// The group overview's facts: origin, member and printer counts, printing options, and where an
// imported group came from.
import { useTranslations } from "next-intl";

import { OriginBadge } from "@/lib/groups/components/origin-badge";
import type { GroupView } from "@/lib/groups/service";
import { Badge, Card } from "@/lib/ui/components";

export function GroupSummary({ group }: { group: GroupView }) {
  const t = useTranslations("groups.detail");
  return (
    <Card className="mb-6">
      <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-4">
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("origin")}</dt>
          <dd className="mt-1">
            <OriginBadge group={group} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("members")}</dt>
          <dd className="mt-1 text-lg font-semibold">{group.members}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("printers")}</dt>
          <dd className="mt-1 text-lg font-semibold">{group.printers}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            {t("printingOptions")}
          </dt>
          <dd className="mt-1 flex flex-wrap gap-1">
            <Badge tone={group.localPrintingEnabled ? "green" : "slate"}>
              {group.localPrintingEnabled ? t("localPrintingOn") : t("localPrintingOff")}
            </Badge>
            <Badge tone={group.myPrintersEnabled ? "green" : "slate"}>
              {group.myPrintersEnabled ? t("myPrintersOn") : t("myPrintersOff")}
            </Badge>
          </dd>
        </div>
      </dl>
      {group.origin === "azure" ? (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
          {group.foreignId ? t("importedWithId", { id: group.foreignId }) : t("imported")}
        </p>
      ) : null}
    </Card>
  );
}
