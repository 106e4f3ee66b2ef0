import type { Metadata } from "next";

import { CsvImport } from "@/lib/provisioning/components/csv-import";
import { IMPORT_TEMPLATE_FILENAME } from "@/lib/provisioning/csv-template";
import { PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const guard = await requirePageContext("groups.write", "importing groups and people");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  return (
    <>
      <PageHeader
        title="Import from CSV"
        description={`Create groups and add people to them in ${ctx.current.organization.name}: existing ezeep users join the group, new people are invited to it.`}
        actions={
          <a href="/import/template" download={IMPORT_TEMPLATE_FILENAME} className={buttonClass.secondary}>
            Download template
          </a>
        }
      />
      <CsvImport />
    </>
  );
}
