import type { Metadata } from "next";
import Link from "next/link";

import { getPageContext } from "@/lib/auth/session";
import { GroupForm } from "@/lib/groups/components/group-form";
import { AccessDenied, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "New group" };

export default async function NewGroupPage() {
  const ctx = await getPageContext();
  if (!ctx.can("groups.write")) return <AccessDenied what="creating groups" />;
  return (
    <>
      <Link href="/groups" className="text-sm font-medium text-brand-700 hover:underline">
        ← Groups
      </Link>
      <div className="mt-2">
        <PageHeader
          title="New group"
          description={`The group is created in ezeep for ${ctx.current!.organization.name}.`}
        />
      </div>
      <GroupForm />
    </>
  );
}
