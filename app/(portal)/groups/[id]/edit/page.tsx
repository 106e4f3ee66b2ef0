import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { getPageContext } from "@/lib/auth/session";
import { GroupForm } from "@/lib/groups/components/group-form";
import { findGroup } from "@/lib/groups/service";
import { AccessDenied, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export const metadata: Metadata = { title: "Edit group" };

export default async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageContext();
  if (!ctx.can("groups.write")) return <AccessDenied what="editing groups" />;
  const { id } = await params;
  const loaded = await tryLoad(() => findGroup(ctx.current!, id));
  if (loaded.ok && !loaded.data) notFound();
  return (
    <>
      <Link href={`/groups/${id}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to the group
      </Link>
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
