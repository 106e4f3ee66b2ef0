import type { Metadata } from "next";
import Link from "next/link";

import { AZURE_ASSUMPTION } from "@/lib/provisioning/azure";
import { azureDirectory } from "@/lib/provisioning/azure-directory";
import { ProvisioningFlow } from "@/lib/provisioning/components/provisioning-flow";
import { Notice, PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "New organization with Azure AD" };

export default async function ProvisionPage() {
  const guard = await requirePageContext("organizations.manage", "creating organizations");
  if (!guard.ok) return guard.denied;
  const directory = azureDirectory();
  return (
    <>
      <PageHeader
        title="New organization with Azure AD"
        description="The ezeep sequence: create an organization, activate its Azure AD connection, import Azure AD groups — and, for trials, delete it again."
        actions={
          <Link href="/organizations" className={buttonClass.secondary}>
            Back
          </Link>
        }
      />
      <Notice tone="info">
        <span className="font-semibold">Assumed steps.</span> {AZURE_ASSUMPTION} {directory.description}
      </Notice>
      <div className="max-w-3xl">
        <ProvisioningFlow />
      </div>
    </>
  );
}
