import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";

import { isRole } from "@/lib/auth/permissions";
import { hasEncryptionKey } from "@/lib/crypto";
import { ConnectButton, DisconnectButton } from "@/lib/organizations/components/connection-buttons";
import {
  CreatePartnerOrganizationForm,
  DeletePartnerOrganizationButton,
} from "@/lib/organizations/components/partner-organizations";
import { connectErrorCodeOf } from "@/lib/organizations/connect-errors";
import { redirectUri } from "@/lib/organizations/oauth";
import { partnerAccess } from "@/lib/organizations/partner-access";
import { organizationDetails } from "@/lib/organizations/service";
import { Badge, Card, formatDateTime, Notice, PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("organizations.page");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const NOTICES = ["connected", "added", "created", "deleted", "disconnected"] as const;
type NoticeKey = (typeof NOTICES)[number];

function noticeOf(value: unknown): NoticeKey | undefined {
  return NOTICES.find((n) => n === value);
}

function ConnectionBadge(props: { connection: string }) {
  const t = useTranslations("organizations.connectionBadge");
  return props.connection === "authorization_code" ? (
    <Badge tone="violet" title={t("signInTitle")}>
      {t("signIn")}
    </Badge>
  ) : (
    <Badge tone="slate" title={t("clientTitle")}>
      {t("client")}
    </Badge>
  );
}

function RoleName({ role }: { role: string }) {
  const t = useTranslations("organizations.roles");
  return <>{isRole(role) ? t(role) : role}</>;
}

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("organizations");
  const locale = await getLocale();
  const guard = await requirePageContext("organizations.read", t("page.deniedWhat"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const canManage = ctx.can("organizations.manage");
  const current = await organizationDetails(ctx.current.organization.id);
  const notice = noticeOf(params.notice);
  const errorCode = connectErrorCodeOf(params.error);
  const keyReady = hasEncryptionKey();
  const partner = canManage ? await partnerAccess(ctx.current) : null;

  return (
    <>
      <PageHeader
        title={t("page.title")}
        description={t("page.description")}
        actions={
          canManage ? (
            <Link href="/organizations/provision" className={buttonClass.primary}>
              {t("page.newWithAzure")}
            </Link>
          ) : null
        }
      />
      {notice ? (
        <Notice tone="success">
          {t(`notices.${notice}`, { name: typeof params.name === "string" ? params.name : "" })}
        </Notice>
      ) : null}
      {errorCode ? (
        <Notice tone="error">{t("page.connectFailed", { error: t(`connectErrors.${errorCode}`) })}</Notice>
      ) : null}

      <div className="space-y-6">
        <Card className="p-4 sm:p-6">
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                {t("page.current")}
              </p>
              <h2 className="mt-1 text-lg font-semibold text-slate-900">{current.name}</h2>
              <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-500">{t("page.ezeepId")}</dt>
                <dd className="font-mono text-xs break-all text-slate-800 sm:text-sm">{current.ezeepId}</dd>
                <dt className="text-slate-500">{t("page.connection")}</dt>
                <dd>
                  <ConnectionBadge connection={current.connection} />
                </dd>
                {current.connection === "authorization_code" ? (
                  <>
                    <dt className="text-slate-500">{t("page.accessRenewed")}</dt>
                    <dd className="text-slate-800">
                      {current.tokenExpiresAt
                        ? t("page.validUntil", { time: formatDateTime(current.tokenExpiresAt, locale) })
                        : t("page.onNextUse")}
                    </dd>
                  </>
                ) : null}
              </dl>
            </div>
            {canManage ? (
              <div className="flex shrink-0 flex-wrap gap-2">
                {current.connection === "authorization_code" ? (
                  <DisconnectButton organization={{ name: current.name }} />
                ) : null}
                {keyReady ? (
                  <ConnectButton
                    label={
                      current.connection === "authorization_code" ? t("page.reconnect") : t("connect.button")
                    }
                  />
                ) : null}
              </div>
            ) : null}
          </div>
          {canManage ? (
            <div className="mt-4 border-t border-slate-100 pt-4 text-sm text-slate-600">
              {keyReady ? (
                <p>
                  {t.rich("page.connectHelp", {
                    uri: redirectUri(),
                    strong: (chunks) => <span className="font-medium text-slate-800">{chunks}</span>,
                    code: (chunks) => <code className="font-mono text-xs break-all">{chunks}</code>,
                  })}
                </p>
              ) : (
                <Notice tone="info">{t("page.needsKey")}</Notice>
              )}
            </div>
          ) : null}
        </Card>

        <Card className="overflow-hidden">
          <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
            <h2 className="text-base font-semibold text-slate-900">{t("page.yours")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("page.yoursHint")}</p>
          </div>
          <ul className="divide-y divide-slate-100">
            {ctx.memberships.map((m) => (
              <li
                key={m.organization.id}
                data-testid="organization-row"
                className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm sm:px-6"
              >
                <span className="min-w-0 flex-1 font-medium text-slate-900">
                  {m.organization.name}
                  {m.organization.id === current.id ? (
                    <span className="ml-2 text-xs font-normal text-slate-500">{t("page.currentMark")}</span>
                  ) : null}
                </span>
                <span className="text-slate-600">
                  <RoleName role={m.role} />
                </span>
                <ConnectionBadge connection={m.organization.connection} />
              </li>
            ))}
          </ul>
        </Card>

        {partner ? (
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
                  <li
                    key={o.ezeepId}
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
        ) : null}
      </div>
    </>
  );
}
