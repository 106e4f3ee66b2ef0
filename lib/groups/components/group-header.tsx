// The head of every group page (overview, members, printers): name, description, Edit/Delete for
// those who may change groups, and the section tabs.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { DeleteGroupButton } from "@/lib/groups/components/delete-group-button";
import { GroupTabs } from "@/lib/groups/components/group-tabs";
import type { GroupView } from "@/lib/groups/service";
import { PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function GroupHeader({ group, canWrite }: { group: GroupView; canWrite: boolean }) {
  const t = useTranslations("groups.header");
  return (
    <>
      <PageHeader
        title={group.name}
        description={group.description || t("noDescription")}
        actions={
          canWrite ? (
            <>
              <Link href={`/groups/${group.id}/edit`} className={buttonClass.secondary}>
                {t("edit")}
              </Link>
              <DeleteGroupButton group={group} />
            </>
          ) : null
        }
      />
      <GroupTabs groupId={group.id} />
    </>
  );
}
