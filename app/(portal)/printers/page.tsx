import type { Metadata } from "next";
import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, ComingSoon, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Printers" };

export default async function PrintersPage() {
  const ctx = await getPageContext();
  return (
    <>
      <PageHeader title="Printers" description="Here you will manage printers, their drivers and which groups may use them." />
      {ctx.can("printers.read") ? <ComingSoon area="Printers" /> : <AccessDenied what="printers" />}
    </>
  );
}
