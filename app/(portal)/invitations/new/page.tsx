import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { listGroups } from "@/lib/groups/service";
import { InviteForm } from "@/lib/invitations/components/invite-form";
import { invitationSettings } from "@/lib/invitations/config";
import { Breadcrumbs, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitations");
  return { title: t("newPage.title") };
}

export default async function InvitePage() {
  const guard = await requirePageContext("invitations.write", "inviting people");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("invitations");
  const canChooseGroups = ctx.can("memberships.write");
  const groups = canChooseGroups
    ? await tryLoad(() => listGroups(ctx.current, { q: "", page: 1, pageSize: 100_000, origin: "all" }))
    : null;
  return (
    <>
      <Breadcrumbs
        items={[{ label: t("page.title"), href: "/invitations" }, { label: t("newPage.title") }]}
      />
      <div className="mt-2">
        <PageHeader
          title={t("newPage.title")}
          description={t("newPage.description", { organization: ctx.current.organization.name })}
        />
      </div>
      <InviteForm
        groups={
          groups && groups.ok
            ? groups.data.items.map((g) => ({ id: g.id, name: g.name, azure: g.origin === "azure" }))
            : null
        }
        groupsError={groups && !groups.ok ? groups.error : null}
        canChooseAdmin={ctx.can("users.write")}
        canChooseGroups={canChooseGroups}
        defaultExpiryDays={invitationSettings().defaultExpiryDays}
      />
    </>
  );
}
