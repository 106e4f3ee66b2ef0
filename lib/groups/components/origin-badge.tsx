import { useTranslations } from "next-intl";

import type { GroupView } from "@/lib/groups/service";
import { Badge } from "@/lib/ui/components";

export function OriginBadge({ group }: { group: Pick<GroupView, "origin" | "originLabel" | "foreignId"> }) {
  const t = useTranslations("groups.origin");
  if (group.origin === "azure")
    return (
      <Badge tone="violet" title={group.foreignId ? t("objectId", { id: group.foreignId }) : undefined}>
        {t("azureAd")}
      </Badge>
    );
  return <Badge tone="slate">{group.originLabel}</Badge>;
}
