import type { Metadata } from "next";

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

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await getPageContext();
  const language = <LanguageSection current={ctx.admin.locale} />;
  const sessions = <SessionsSection adminId={ctx.admin.id} currentSessionId={ctx.admin.sessionId} />;
  // Every admin manages their own second factor and sessions, whatever their role; the
  // organization's settings need settings.read.
  const twoFactor = <TwoFactorSection admin={ctx.admin} canRequire={ctx.can("settings.manage")} />;
  if (!ctx.current || !ctx.can("settings.read"))
    return (
      <>
        <PageHeader title="Settings" description="Your own sign-in settings and sessions." />
        <div className="space-y-6">
          {language}
          {twoFactor}
          {sessions}
          <AccessDenied what="the organization's settings" />
        </div>
      </>
    );
  const canManage = ctx.can("settings.manage");
  const tokens = await listApiTokens(ctx.current);
  const base = env().NEXTAUTH_URL ?? "http://127.0.0.1:3000";
  const org = ctx.current.organization;

  return (
    <>
      <PageHeader title="Settings" description={`Settings of ${org.name}.`} />
      <div className="space-y-6">
        {language}
        {twoFactor}
        {sessions}
        <Card className="overflow-hidden">
          <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
            <h2 className="text-base font-semibold text-slate-900">API tokens</h2>
            <p className="mt-1 text-sm text-slate-600">
              Tokens let other systems call the portal’s provisioning API for{" "}
              <span className="font-medium">{org.name}</span> only. A token is shown once when it is created
              and stored hashed; every call is recorded in the audit log under the token’s name.
            </p>
          </div>
          {canManage ? (
            <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
              <CreateTokenForm />
            </div>
          ) : (
            <p className="border-b border-slate-200 px-4 py-3 text-sm text-slate-600 sm:px-6">
              Only owners create and revoke tokens.
            </p>
          )}
          {tokens.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-slate-600 sm:px-6">No API tokens yet.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
                <tr>
                  <th scope="col" className="px-6 py-3">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Created
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Last used
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Status
                  </th>
                  {canManage ? (
                    <th scope="col" className="px-6 py-3 text-right">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  <tr
                    key={t.id}
                    data-testid="api-token"
                    className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 sm:table-row sm:px-0 sm:py-0"
                  >
                    <td className="w-full sm:w-auto sm:px-6 sm:py-3">
                      <p className="font-medium text-slate-900">{t.name}</p>
                      <p className="font-mono text-xs text-slate-500">{t.prefix}…</p>
                    </td>
                    <td className="text-slate-600 sm:px-4 sm:py-3">
                      <span className="sm:hidden">Created </span>
                      {formatDateTime(t.createdAt)}
                    </td>
                    <td className="text-slate-600 sm:px-4 sm:py-3">
                      <span className="sm:hidden">Last used </span>
                      {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}
                    </td>
                    <td className="sm:px-4 sm:py-3">
                      {t.revokedAt ? (
                        <Badge tone="red" title={`Revoked ${formatDateTime(t.revokedAt)}`}>
                          Revoked
                        </Badge>
                      ) : (
                        <Badge tone="green">Active</Badge>
                      )}
                    </td>
                    {canManage ? (
                      <td className="ml-auto sm:px-6 sm:py-3 sm:text-right">
                        {t.revokedAt ? null : <RevokeTokenButton token={{ id: t.id, name: t.name }} />}
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
