import type { Metadata } from "next";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Drivers" };

export default async function DriversPage() {
  const ctx = await getPageContext();
  return (
    <>
      <PageHeader title="Drivers" description="Here you will manage driver vendors and the driver each printer uses." />
      {ctx.can("drivers.read") ? <ComingSoon area="Drivers" /> : <AccessDenied what="drivers" />}
    </>
  );
}
