import type { Metadata } from "next";

import { getPageContext } from "@/lib/auth/session";
import { CsvImport } from "@/lib/provisioning/components/csv-import";
import { AccessDenied, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("groups.write")) return <AccessDenied what="importing groups and people" />;
  return (
    <>
      <PageHeader
        title="Import from CSV"
        description={`Create groups and add people to them in ${ctx.current.organization.name}: existing ezeep users join the group, new people are invited to it.`}
      />
      <CsvImport />
    </>
  );
}
