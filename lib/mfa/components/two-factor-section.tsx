// Settings → "Two-factor sign-in": the signed-in admin's own authenticator app (set up with a QR
// code rendered on the server, confirm with a first code, recovery codes shown once, turn off
// with a current code) and, for owners, the portal-wide requirement.
import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";

import {
  ConfirmEnrolmentForm,
  DisableTwoFactorForm,
  RequireTotpToggle,
  StartEnrolmentButton,
} from "@/lib/mfa/components/two-factor-forms";
import { twoFactorStatus } from "@/lib/mfa/service";
import { Badge, Card, formatDateTime } from "@/lib/ui/components";

function Enrolment(props: { secret: string; qrDataUrl: string }) {
  const t = useTranslations("settings.twoFactor");
  const grouped = props.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <div className="grid gap-4 sm:grid-cols-[auto_1fr]">
      {/* A data URL made on the server (qrcode → SVG): nothing about the secret is fetched. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={props.qrDataUrl}
        alt={t("qrAlt")}
        width={176}
        height={176}
        className="rounded-lg border border-slate-200 bg-white p-1"
        data-testid="totp-qr"
      />
      <div className="space-y-3 text-sm text-slate-700">
        <p>{t("scan")}</p>
        <p>
          {t.rich("cantScan", {
            key: grouped,
            code: (chunks) => (
              <code className="font-mono break-words text-slate-900" data-testid="totp-secret">
                {chunks}
              </code>
            ),
          })}
        </p>
        <p>{t("enterCode")}</p>
        <ConfirmEnrolmentForm />
      </div>
    </div>
  );
}

export async function TwoFactorSection(props: { admin: { id: string; email: string }; canRequire: boolean }) {
  const status = await twoFactorStatus(props.admin);
  const t = await getTranslations("settings.twoFactor");
  const locale = await getLocale();
  return (
    <Card className="overflow-hidden">
      <div id="two-factor" className="border-b border-slate-200 px-4 py-4 sm:px-6">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
          {status.enabled ? <Badge tone="green">{t("on")}</Badge> : <Badge tone="slate">{t("off")}</Badge>}
          {status.requiredByPolicy ? <Badge tone="amber">{t("required")}</Badge> : null}
        </div>
        <p className="mt-1 text-sm text-slate-600">{t("description", { email: props.admin.email })}</p>
      </div>
      <div className="space-y-4 px-4 py-4 sm:px-6">
        {status.enabled ? (
          <>
            <p className="text-sm text-slate-700" data-testid="totp-status">
              {t("status", {
                date: formatDateTime(status.enabledAt!, locale),
                left: status.recoveryCodesLeft,
              })}
            </p>
            {status.requiredByPolicy ? null : <DisableTwoFactorForm />}
          </>
        ) : null}
        {!status.enabled && status.enrolment ? <Enrolment {...status.enrolment} /> : null}
        {!status.enabled && !status.enrolment ? <StartEnrolmentButton label={t("setUp")} /> : null}
      </div>
      {props.canRequire ? (
        <div className="space-y-2 border-t border-slate-200 px-4 py-4 sm:px-6">
          <h3 className="text-sm font-semibold text-slate-900">{t("everyAdmin")}</h3>
          <p className="text-sm text-slate-600">
            {status.requiredByPolicy ? t("isRequired") : t("requireHint")}
          </p>
          <RequireTotpToggle required={status.requiredByPolicy} />
        </div>
      ) : null}
    </Card>
  );
}
