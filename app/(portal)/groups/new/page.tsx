import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { GroupForm } from "@/lib/groups/components/group-form";
import { Breadcrumbs, PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.new");
  return { title: t("title") };
}

export default async function NewGroupPage() {
  const tAccess = await getTranslations("groups.access");
  const guard = await requirePageContext("groups.write", tAccess("creatingGroups"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("groups");
  return (
    <>
      <Breadcrumbs items={[{ label: t("detail.breadcrumb"), href: "/groups" }, { label: t("new.title") }]} />
      <div className="mt-2">
        <PageHeader
          title={t("new.title")}
          description={t("new.description", { organization: ctx.current.organization.name })}
        />
      </div>
      <GroupForm />
    </>
  );
}
