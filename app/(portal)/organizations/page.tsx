import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { hasEncryptionKey } from "@/lib/crypto";
import { CurrentOrganization } from "@/lib/organizations/components/current-organization";
import {
  organizationNoticeOf,
  OrganizationsHeader,
} from "@/lib/organizations/components/organizations-header";
import { PartnerSection } from "@/lib/organizations/components/partner-section";
import { YourOrganizations } from "@/lib/organizations/components/your-organizations";
import { connectErrorCodeOf } from "@/lib/organizations/connect-errors";
import { redirectUri } from "@/lib/organizations/oauth";
import { partnerAccess } from "@/lib/organizations/partner-access";
import { organizationDetails } from "@/lib/organizations/service";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("organizations.page");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("organizations");
  const guard = await requirePageContext("organizations.read", t("page.deniedWhat"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const canManage = ctx.can("organizations.manage");
  const current = await organizationDetails(ctx.current.organization.id);
  const partner = canManage ? await partnerAccess(ctx.current) : null;

  return (
    <>
      <OrganizationsHeader
        canManage={canManage}
        notice={organizationNoticeOf(params.notice)}
        name={typeof params.name === "string" ? params.name : ""}
        errorCode={connectErrorCodeOf(params.error)}
      />
      <div className="space-y-6">
        <CurrentOrganization
          current={current}
          canManage={canManage}
          keyReady={hasEncryptionKey()}
          redirectUri={redirectUri()}
        />
        <YourOrganizations memberships={ctx.memberships} currentId={current.id} />
        {partner ? <PartnerSection partner={partner} /> : null}
      </div>
    </>
  );
}
