import type { Metadata } from "next";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await getPageContext();
  return (
    <>
      <PageHeader title="Settings" description="Here you will manage portal admins, API tokens and connections." />
      {ctx.can("settings.read") ? <ComingSoon area="Settings" /> : <AccessDenied what="settings" />}
    </>
  );
}
