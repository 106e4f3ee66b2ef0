// Settings → Sign-in (portal-wide): whether SSO is configured and whether passwords still work.
import { getTranslations } from "next-intl/server";

import { PasswordSignInSetting } from "@/lib/auth/sso/components/password-sign-in-setting";
import { signInStatus } from "@/lib/auth/sso/settings";
import { Badge, Card } from "@/lib/ui/components";

export async function SignInSettingsSection(props: { adminId: string; canManage: boolean }) {
  const status = await signInStatus(props.adminId);
  const t = await getTranslations("settings.signIn");
  return (
    <Card className="p-4 sm:p-6">
      <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("description")}</p>
      <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">{t("sso")}</dt>
          <dd className="mt-0.5">
            {status.ssoConfigured ? (
              <Badge tone="green">{t("ssoOn", { name: status.ssoName ?? "" })}</Badge>
            ) : (
              <Badge tone="slate">{t("notConfigured")}</Badge>
            )}
            {status.youUsedSso ? <span className="ml-2 text-slate-600">{t("youUsedSso")}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("password")}</dt>
          <dd className="mt-0.5">
            {status.passwordSignIn ? (
              <Badge tone="green">{t("on")}</Badge>
            ) : (
              <Badge tone="amber">{t("off")}</Badge>
            )}
          </dd>
        </div>
      </dl>
      <PasswordSignInSetting enabled={status.passwordSignIn} canManage={props.canManage} />
    </Card>
  );
}
