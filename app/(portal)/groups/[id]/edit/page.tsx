import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { GroupForm } from "@/lib/groups/components/group-form";
import { findGroup } from "@/lib/groups/service";
import { Breadcrumbs, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.edit");
  return { title: t("title") };
}

export default async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const tAccess = await getTranslations("groups.access");
  const guard = await requirePageContext("groups.write", tAccess("editingGroups"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("groups");
  const { id } = await params;
  const loaded = await tryLoad(() => findGroup(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  // The name when ezeep answered (for the breadcrumb and the title).
  const loadedName = loaded.ok && loaded.data ? loaded.data.name : null;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("detail.breadcrumb"), href: "/groups" },
          { label: loadedName ?? t("detail.title"), href: `/groups/${id}` },
          { label: t("edit.breadcrumb") },
        ]}
      />
      <div className="mt-2">
        <PageHeader
          title={loadedName === null ? t("edit.title") : t("edit.titleNamed", { name: loadedName })}
        />
      </div>
      {!loaded.ok ? (
        <Notice tone="error">{t("detail.loadFailed", { error: loaded.error })}</Notice>
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
