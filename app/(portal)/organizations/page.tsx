import type { Metadata } from "next";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage() {
  const ctx = await getPageContext();
  return (
    <>
      <PageHeader title="Organizations" description="Here you will manage the ezeep organizations this portal manages." />
      {ctx.can("organizations.read") ? <ComingSoon area="Organizations" /> : <AccessDenied what="organizations" />}
    </>
  );
}
