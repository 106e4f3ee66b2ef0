import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";

import { CreateTokenForm } from "@/lib/api-tokens/components/create-token-form";
import { RevokeTokenButton } from "@/lib/api-tokens/components/revoke-token-button";
import { listApiTokens } from "@/lib/api-tokens/service";
import { SessionsSection } from "@/lib/auth/components/sessions-section";
import { getPageContext } from "@/lib/auth/session";
import { SignInSettingsSection } from "@/lib/auth/sso/components/sign-in-settings";
import { env } from "@/lib/env";
import { LanguageSection } from "@/lib/i18n/components/language-section";
import { TwoFactorSection } from "@/lib/mfa/components/two-factor-section";
import { NddSettingsSection } from "@/lib/provisioning/components/ndd-settings";
import { AccessDenied, Badge, Card, formatDateTime, PageHeader } from "@/lib/ui/components";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const ctx = await getPageContext();
  const t = await getTranslations("settings");
  const locale = await getLocale();
  const language = <LanguageSection current={ctx.admin.locale} />;
  const sessions = <SessionsSection adminId={ctx.admin.id} currentSessionId={ctx.admin.sessionId} />;
  // Every admin manages their own second factor and sessions, whatever their role; the
  // organization's settings need settings.read.
  const twoFactor = <TwoFactorSection admin={ctx.admin} canRequire={ctx.can("settings.manage")} />;
  if (!ctx.current || !ctx.can("settings.read"))
    return (
      <>
        <PageHeader title={t("title")} description={t("ownDescription")} />
        <div className="space-y-6">
          {language}
          {twoFactor}
          {sessions}
          <AccessDenied what={t("deniedWhat")} />
        </div>
      </>
    );
  const canManage = ctx.can("settings.manage");
  const tokens = await listApiTokens(ctx.current);
  const base = env().NEXTAUTH_URL ?? "http://127.0.0.1:3000";
  const org = ctx.current.organization;

  return (
    <>
      <PageHeader title={t("title")} description={t("orgDescription", { name: org.name })} />
      <div className="space-y-6">
        {language}
        {twoFactor}
        {sessions}
        <Card className="overflow-hidden">
          <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
            <h2 className="text-base font-semibold text-slate-900">{t("apiTokens.title")}</h2>
            <p className="mt-1 text-sm text-slate-600">
              {t.rich("apiTokens.description", {
                name: org.name,
                org: (chunks) => <span className="font-medium">{chunks}</span>,
              })}
            </p>
          </div>
          {canManage ? (
            <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
              <CreateTokenForm />
            </div>
          ) : (
            <p className="border-b border-slate-200 px-4 py-3 text-sm text-slate-600 sm:px-6">
              {t("apiTokens.ownersOnly")}
            </p>
          )}
          {tokens.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-slate-600 sm:px-6">{t("apiTokens.empty")}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
                <tr>
                  <th scope="col" className="px-6 py-3">
                    {t("apiTokens.name")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("apiTokens.created")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("apiTokens.lastUsed")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("apiTokens.status")}
                  </th>
                  {canManage ? (
                    <th scope="col" className="px-6 py-3 text-right">
                      <span className="sr-only">{t("apiTokens.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((token) => (
                  <tr
                    key={token.id}
                    data-testid="api-token"
                    className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 sm:table-row sm:px-0 sm:py-0"
                  >
                    <td className="w-full sm:w-auto sm:px-6 sm:py-3">
                      <p className="font-medium text-slate-900">{token.name}</p>
                      <p className="font-mono text-xs text-slate-500">{token.prefix}…</p>
                    </td>
                    <td className="text-slate-600 sm:px-4 sm:py-3">
                      <span className="sm:hidden">{t("apiTokens.created")} </span>
                      {formatDateTime(token.createdAt, locale)}
                    </td>
                    <td className="text-slate-600 sm:px-4 sm:py-3">
                      <span className="sm:hidden">{t("apiTokens.lastUsed")} </span>
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t("apiTokens.never")}
                    </td>
                    <td className="sm:px-4 sm:py-3">
                      {token.revokedAt ? (
                        <Badge
                          tone="red"
                          title={t("apiTokens.revokedAt", { date: formatDateTime(token.revokedAt, locale) })}
                        >
                          {t("apiTokens.revoked")}
                        </Badge>
                      ) : (
                        <Badge tone="green">{t("apiTokens.active")}</Badge>
                      )}
                    </td>
                    {canManage ? (
                      <td className="ml-auto sm:px-6 sm:py-3 sm:text-right">
                        {token.revokedAt ? null : (
                          <RevokeTokenButton token={{ id: token.id, name: token.name }} />
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>

        <NddSettingsSection ctx={ctx.current} canManage={canManage} baseUrl={base} />

        <SignInSettingsSection adminId={ctx.admin.id} canManage={canManage} />
      </div>
    </>
  );
}
