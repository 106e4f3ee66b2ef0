import type { Metadata } from "next";
import Link from "next/link";

import { getPageContext } from "@/lib/auth/session";
import { listGroups } from "@/lib/groups/service";
import { InviteForm } from "@/lib/invitations/components/invite-form";
import { invitationSettings } from "@/lib/invitations/config";
import { AccessDenied, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export const metadata: Metadata = { title: "Invite people" };

export default async function InvitePage() {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("invitations.write")) return <AccessDenied what="inviting people" />;
  const canChooseGroups = ctx.can("memberships.write");
  const groups = canChooseGroups
    ? await tryLoad(() => listGroups(ctx.current!, { q: "", page: 1, pageSize: 100_000, origin: "all" }))
    : null;
  return (
    <>
      <Link href="/invitations" className="text-sm font-medium text-brand-700 hover:underline">
        ← Invitations
      </Link>
      <div className="mt-2">
        <PageHeader
          title="Invite people"
          description={`ezeep emails each person an invitation to ${ctx.current.organization.name}. The portal reminds them and adds them to the chosen groups when they accept.`}
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
