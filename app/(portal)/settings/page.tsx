import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { ApiTokensSection } from "@/lib/api-tokens/components/api-tokens-section";
import { listApiTokens } from "@/lib/api-tokens/service";
import { getPageContext } from "@/lib/auth/session";
import { SignInSettingsSection } from "@/lib/auth/sso/components/sign-in-settings";
import { env } from "@/lib/env";
import { NddSettingsSection } from "@/lib/provisioning/components/ndd-settings";
import { OwnAccountSections } from "@/lib/settings/components/own-account-sections";
import { AccessDenied, PageHeader } from "@/lib/ui/components";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const ctx = await getPageContext();
  const t = await getTranslations("settings");
  const canManage = ctx.can("settings.manage");
  // Every admin manages their own second factor and sessions, whatever their role; the
  // organization's settings need settings.read.
  const own = <OwnAccountSections admin={ctx.admin} canRequire={canManage} />;
  if (!ctx.current || !ctx.can("settings.read"))
    return (
      <>
        <PageHeader title={t("title")} description={t("ownDescription")} />
        <div className="space-y-6">
          {own}
          <AccessDenied what={t("deniedWhat")} />
        </div>
      </>
    );
  const tokens = await listApiTokens(ctx.current);
  const base = env().NEXTAUTH_URL ?? "http://127.0.0.1:3000";
  const org = ctx.current.organization;

  return (
    <>
      <PageHeader title={t("title")} description={t("orgDescription", { name: org.name })} />
      <div className="space-y-6">
        {own}
        <ApiTokensSection organizationName={org.name} tokens={tokens} canManage={canManage} />
        <NddSettingsSection ctx={ctx.current} canManage={canManage} baseUrl={base} />
        <SignInSettingsSection adminId={ctx.admin.id} canManage={canManage} />
      </div>
    </>
  );
}
