// The head of every group page (overview, members, printers): name, description, Edit/Delete for
// those who may change groups, and the section tabs.
import Link from "next/link";

import { DeleteGroupButton } from "@/lib/groups/components/delete-group-button";
import { GroupTabs } from "@/lib/groups/components/group-tabs";
import type { GroupView } from "@/lib/groups/service";
import { PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function GroupHeader({ group, canWrite }: { group: GroupView; canWrite: boolean }) {
  return (
    <>
      <PageHeader
        title={group.name}
        description={group.description || "No description."}
        actions={
          canWrite ? (
            <>
              <Link href={`/groups/${group.id}/edit`} className={buttonClass.secondary}>
                Edit
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
