import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { partnerAccess } from "@/lib/organizations/partner-access";
import { azureDirectory } from "@/lib/provisioning/azure-directory";
import { ProvisioningFlow } from "@/lib/provisioning/components/provisioning-flow";
import { Notice, PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("organizations.provision");
  return { title: t("title") };
}

export default async function ProvisionPage() {
  const t = await getTranslations("organizations");
  const guard = await requirePageContext("organizations.manage", t("provision.deniedWhat"));
  if (!guard.ok) return guard.denied;
  const directory = azureDirectory();
  // Said before the form: without partner rights ezeep refuses the very first step.
  const access = await partnerAccess(guard.ctx.current);
  return (
    <>
      <PageHeader
        title={t("provision.title")}
        description={t("provision.description")}
        actions={
          <Link href="/organizations" className={buttonClass.secondary}>
            {t("provision.back")}
          </Link>
        }
      />
      <Notice tone="info">
        <span className="font-semibold">{t("provision.assumed")}</span> {t("provision.assumption")}{" "}
        {directory.automated ? t("provision.directoryAutomated") : t("provision.directoryManual")}
      </Notice>
      {access.state === "not-partner" ? (
        <Notice tone="error">
          <span data-testid="no-partner-rights">{t("notPartner")}</span>
        </Notice>
      ) : (
        <div className="max-w-3xl">
          <ProvisioningFlow />
        </div>
      )}
    </>
  );
}
