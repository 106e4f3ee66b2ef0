import type { Metadata } from "next";
import Link from "next/link";

import { getPageContext } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AZURE_ASSUMPTION } from "@/lib/provisioning/azure";
import { ProvisioningFlow } from "@/lib/provisioning/components/provisioning-flow";
import { AccessDenied, Notice, PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "New organization with Azure AD" };

export default async function ProvisionPage() {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("organizations.manage")) return <AccessDenied what="creating organizations" />;
  const simulated = Boolean(env().PORTAL_SIMULATOR_CONTROL);
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
        <span className="font-semibold">Assumed steps.</span> {AZURE_ASSUMPTION}
        {simulated
          ? " This portal runs against the simulator, so both steps run here."
          : " This portal talks to real ezeep, so steps 2 and 3 tell you what to do in ezeep instead."}
      </Notice>
      <div className="max-w-3xl">
        <ProvisioningFlow />
      </div>
    </>
  );
}
