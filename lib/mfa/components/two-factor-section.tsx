// Settings → "Two-factor sign-in": the signed-in admin's own authenticator app (set up with a QR
// code rendered on the server, confirm with a first code, recovery codes shown once, turn off
// with a current code) and, for owners, the portal-wide requirement.
import {
  ConfirmEnrolmentForm,
  DisableTwoFactorForm,
  RequireTotpToggle,
  StartEnrolmentButton,
} from "@/lib/mfa/components/two-factor-forms";
import { twoFactorStatus } from "@/lib/mfa/service";
import { Badge, Card, formatDateTime } from "@/lib/ui/components";

function Enrolment(props: { secret: string; qrDataUrl: string }) {
  const grouped = props.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <div className="grid gap-4 sm:grid-cols-[auto_1fr]">
      {/* A data URL made on the server (qrcode → SVG): nothing about the secret is fetched. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={props.qrDataUrl}
        alt="QR code to scan with your authenticator app"
        width={176}
        height={176}
        className="rounded-lg border border-slate-200 bg-white p-1"
        data-testid="totp-qr"
      />
      <div className="space-y-3 text-sm text-slate-700">
        <p>
          1. Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator,
          1Password…).
        </p>
        <p>
          Can’t scan it? Enter this key instead:{" "}
          <code className="font-mono break-words text-slate-900" data-testid="totp-secret">
            {grouped}
          </code>
        </p>
        <p>2. Enter the 6-digit code the app shows.</p>
        <ConfirmEnrolmentForm />
      </div>
    </div>
  );
}

export async function TwoFactorSection(props: { admin: { id: string; email: string }; canRequire: boolean }) {
  const status = await twoFactorStatus(props.admin);
  return (
    <Card className="overflow-hidden">
      <div id="two-factor" className="border-b border-slate-200 px-4 py-4 sm:px-6">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-base font-semibold text-slate-900">Two-factor sign-in</h2>
          {status.enabled ? <Badge tone="green">On</Badge> : <Badge tone="slate">Off</Badge>}
          {status.requiredByPolicy ? <Badge tone="amber">Required for every admin</Badge> : null}
        </div>
        <p className="mt-1 text-sm text-slate-600">
          After your password, the portal asks for a code from an authenticator app on your phone, so a stolen
          password alone does not get anyone in. This setting is yours alone ({props.admin.email}).
        </p>
      </div>
      <div className="space-y-4 px-4 py-4 sm:px-6">
        {status.enabled ? (
          <>
            <p className="text-sm text-slate-700" data-testid="totp-status">
              On since {formatDateTime(status.enabledAt!)}. {status.recoveryCodesLeft} of 10 recovery codes
              left.
            </p>
            {status.requiredByPolicy ? null : <DisableTwoFactorForm />}
          </>
        ) : null}
        {!status.enabled && status.enrolment ? <Enrolment {...status.enrolment} /> : null}
        {!status.enabled && !status.enrolment ? (
          <StartEnrolmentButton label="Set up two-factor sign-in" />
        ) : null}
      </div>
      {props.canRequire ? (
        <div className="space-y-2 border-t border-slate-200 px-4 py-4 sm:px-6">
          <h3 className="text-sm font-semibold text-slate-900">For every admin of the portal</h3>
          <p className="text-sm text-slate-600">
            {status.requiredByPolicy
              ? "Two-factor sign-in is required: admins without it are sent to set it up right after signing in."
              : "Require two-factor sign-in: admins without it are sent to set it up right after signing in. Turn it on for yourself first."}
          </p>
          <RequireTotpToggle required={status.requiredByPolicy} />
        </div>
      ) : null}
    </Card>
  );
}
