import type { GroupView } from "@/lib/groups/service";
import { Badge } from "@/lib/ui/components";

export function OriginBadge({ group }: { group: Pick<GroupView, "origin" | "originLabel" | "foreignId"> }) {
  if (group.origin === "azure")
    return (
      <Badge tone="violet" title={group.foreignId ? `Azure AD object id ${group.foreignId}` : undefined}>
        Azure AD
      </Badge>
    );
  return <Badge tone="slate">{group.originLabel}</Badge>;
}
