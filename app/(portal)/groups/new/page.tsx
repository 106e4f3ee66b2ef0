import type { Metadata } from "next";

import { GroupForm } from "@/lib/groups/components/group-form";
import { Breadcrumbs, PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";

export const metadata: Metadata = { title: "New group" };

export default async function NewGroupPage() {
  const guard = await requirePageContext("groups.write", "creating groups");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  return (
    <>
      <Breadcrumbs items={[{ label: "Groups", href: "/groups" }, { label: "New group" }]} />
      <div className="mt-2">
        <PageHeader
          title="New group"
          description={`The group is created in ezeep for ${ctx.current.organization.name}.`}
        />
      </div>
      <GroupForm />
    </>
  );
}
