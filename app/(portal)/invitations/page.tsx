import type { Metadata } from "next";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage() {
  const ctx = await getPageContext();
  return (
    <>
      <PageHeader title="Invitations" description="Here you will manage invitations you send, with follow-up and reminders." />
      {ctx.can("invitations.read") ? <ComingSoon area="Invitations" /> : <AccessDenied what="invitations" />}
    </>
  );
}
