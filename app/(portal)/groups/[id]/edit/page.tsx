import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { GroupForm } from "@/lib/groups/components/group-form";
import { findGroup } from "@/lib/groups/service";
import { Breadcrumbs, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export const metadata: Metadata = { title: "Edit group" };

export default async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("groups.write", "editing groups");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const loaded = await tryLoad(() => findGroup(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Groups", href: "/groups" },
          { label: loaded.ok && loaded.data ? loaded.data.name : "Group", href: `/groups/${id}` },
          { label: "Edit" },
        ]}
      />
      <div className="mt-2">
        <PageHeader title={loaded.ok && loaded.data ? `Edit “${loaded.data.name}”` : "Edit group"} />
      </div>
      {!loaded.ok ? (
        <Notice tone="error">The group could not be loaded from ezeep. {loaded.error}</Notice>
      ) : (
        <GroupForm
          group={{
            id: loaded.data!.id,
            name: loaded.data!.name,
            description: loaded.data!.description,
            nameLocked: loaded.data!.origin === "azure",
          }}
        />
      )}
    </>
  );
}
