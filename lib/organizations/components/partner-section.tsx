// "Organizations under your partner account" (for those who may manage organizations): the
// partner's organizations at ezeep and whether each is in the portal, or why they cannot be listed;
// then the form creating a new one.
import { useTranslations } from "next-intl";

import { isRole } from "@/lib/auth/permissions";
import {
  CreatePartnerOrganizationForm,
  DeletePartnerOrganizationButton,
} from "@/lib/organizations/components/partner-organizations";
import type { PartnerOrganizationView } from "@/lib/organizations/partner";
import type { PartnerAccess } from "@/lib/organizations/partner-access";
import { Badge, Card } from "@/lib/ui/components";

export function PartnerSection({ partner }: { partner: PartnerAccess }) {
  const t = useTranslations("organizations");
  return (
    <Card className="overflow-hidden">
      <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
        <h2 className="text-base font-semibold text-slate-900">{t("page.partnerTitle")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("page.partnerHint")}</p>
      </div>
      {partner.state === "not-partner" ? (
        <p className="px-4 py-4 text-sm text-slate-700 sm:px-6" data-testid="no-partner-rights">
          {t("notPartner")}
        </p>
      ) : null}
      {partner.state === "unavailable" ? (
        <p className="px-4 py-4 text-sm text-slate-600 sm:px-6">
          {t("page.partnerUnavailable", { error: partner.error })}
        </p>
      ) : null}
      {partner.state === "partner" ? (
        <ul className="divide-y divide-slate-100">
          {partner.organizations.map((o) => (
            <PartnerOrganizationRow key={o.ezeepId} organization={o} />
          ))}
        </ul>
      ) : null}
      {partner.state === "not-partner" ? null : (
        <details className="group border-t border-slate-200">
          <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-brand-700 hover:bg-slate-50 sm:px-6">
            {t("page.newOrganization")}
          </summary>
          <div className="px-4 pt-1 pb-5 sm:px-6">
            <CreatePartnerOrganizationForm />
          </div>
        </details>
      )}
    </Card>
  );
}

function PartnerOrganizationRow({ organization: o }: { organization: PartnerOrganizationView }) {
  const t = useTranslations("organizations");
  return (
    <li
      data-testid="partner-organization"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm sm:px-6"
    >
      <span className="min-w-0 basis-full sm:flex-1 sm:basis-0">
        <span className="font-medium text-slate-900">{o.name}</span>
        <span className="ml-2 font-mono text-xs text-slate-500">{o.ezeepId.slice(0, 8)}…</span>
      </span>
      {o.currency ? <span className="text-slate-600">{o.currency}</span> : null}
      {o.portalId ? (
        <Badge tone="blue">
          {o.role
            ? t("page.inPortalRole", { role: isRole(o.role) ? t(`roles.${o.role}`) : o.role })
            : t("page.inPortal")}
        </Badge>
      ) : (
        <Badge>{t("page.notInPortal")}</Badge>
      )}
      {o.portalId && o.role === "owner" ? (
        <DeletePartnerOrganizationButton organization={{ id: o.portalId, name: o.name }} />
      ) : null}
    </li>
  );
}
