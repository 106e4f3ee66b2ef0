import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { Breadcrumbs, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { UserForm } from "@/lib/users/components/user-form";
import { findUser } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.edit");
  return { title: t("title") };
}

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const tAccess = await getTranslations("users.access");
  const guard = await requirePageContext("users.write", tAccess("editingUsers"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("users");
  const { id } = await params;
  const loaded = await tryLoad(() => findUser(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  // The name when ezeep answered (for the breadcrumb and the title).
  const loadedName = loaded.ok && loaded.data ? loaded.data.name : null;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("detail.breadcrumb"), href: "/users" },
          { label: loadedName ?? t("detail.title"), href: `/users/${id}` },
          { label: t("edit.breadcrumb") },
        ]}
      />
      <div className="mt-2">
        <PageHeader
          title={loadedName === null ? t("edit.title") : t("edit.titleNamed", { name: loadedName })}
          description={t("edit.description")}
        />
      </div>
      {!loaded.ok ? (
        <Notice tone="error">{t("detail.loadFailed", { error: loaded.error })}</Notice>
      ) : (
        <UserForm
          user={{
            id: loaded.data!.id,
            email: loaded.data!.email,
            firstName: loaded.data!.firstName,
            lastName: loaded.data!.lastName,
            role: loaded.data!.role,
          }}
        />
      )}
    </>
  );
}
