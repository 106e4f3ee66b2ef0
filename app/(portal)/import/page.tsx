import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { CsvImport } from "@/lib/provisioning/components/csv-import";
import { IMPORT_TEMPLATE_FILENAME } from "@/lib/provisioning/csv-template";
import { PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.page");
  return { title: t("title") };
}

export default async function ImportPage() {
  const tAccess = await getTranslations("imports.access");
  const guard = await requirePageContext("groups.write", tAccess("importing"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("imports.page");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { organization: ctx.current.organization.name })}
        actions={
          <a href="/import/template" download={IMPORT_TEMPLATE_FILENAME} className={buttonClass.secondary}>
            {t("template")}
          </a>
        }
      />
      <CsvImport />
    </>
  );
}
