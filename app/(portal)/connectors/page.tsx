import type { Metadata } from "next";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  const ctx = await getPageContext();
  return (
    <>
      <PageHeader title="Connectors" description="Here you will manage the connectors (ezeep Hubs, print servers) your printers sit behind." />
      {ctx.can("connectors.read") ? <ComingSoon area="Connectors" /> : <AccessDenied what="connectors" />}
    </>
  );
}
