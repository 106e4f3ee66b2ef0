import type { Metadata } from "next";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const ctx = await getPageContext();
  return (
    <>
      <PageHeader title="Users" description="Here you will manage the users of your organization, their roles, printing settings and group memberships." />
      {ctx.can("users.read") ? <ComingSoon area="Users" /> : <AccessDenied what="users" />}
    </>
  );
}
