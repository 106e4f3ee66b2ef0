import type { Metadata } from "next";
import Link from "next/link";

import { NOT_PARTNER_MESSAGE, partnerAccess } from "@/lib/organizations/partner-access";
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
  // Said before the form: without partner rights ezeep refuses the very first step.
  const access = await partnerAccess(guard.ctx.current);
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
      {access.state === "not-partner" ? (
        <Notice tone="error">
          <span data-testid="no-partner-rights">{NOT_PARTNER_MESSAGE}</span>
        </Notice>
      ) : (
        <div className="max-w-3xl">
          <ProvisioningFlow />
        </div>
      )}
    </>
  );
}
