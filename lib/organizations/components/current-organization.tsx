// The card about the organization the admin is working in: its ezeep id, how the portal is
// connected to it, and for those who may manage organizations the (re)connect/disconnect buttons.
import { useLocale, useTranslations } from "next-intl";

import { ConnectButton, DisconnectButton } from "@/lib/organizations/components/connection-buttons";
import { ConnectionBadge } from "@/lib/organizations/components/organization-badges";
import type { organizationDetails } from "@/lib/organizations/service";
import { Card, formatDateTime, Notice } from "@/lib/ui/components";

type OrganizationDetails = Awaited<ReturnType<typeof organizationDetails>>;

export function CurrentOrganization(props: {
  current: OrganizationDetails;
  canManage: boolean;
  /** whether PORTAL_ENCRYPTION_KEY is set (a sign-in connection stores an encrypted token) */
  keyReady: boolean;
  redirectUri: string;
}) {
  const t = useTranslations("organizations");
  const { current, canManage, keyReady } = props;
  const signedIn = current.connection === "authorization_code";
  return (
    <Card className="p-4 sm:p-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("page.current")}</p>
          <h2 className="mt-1 text-lg font-semibold text-slate-900">{current.name}</h2>
          <OrganizationFacts current={current} />
        </div>
        {canManage ? (
          <div className="flex shrink-0 flex-wrap gap-2">
            {signedIn ? <DisconnectButton organization={{ name: current.name }} /> : null}
            {keyReady ? <ConnectButton label={signedIn ? t("page.reconnect") : t("connect.button")} /> : null}
          </div>
        ) : null}
      </div>
      {canManage ? <ConnectHelp keyReady={keyReady} redirectUri={props.redirectUri} /> : null}
    </Card>
  );
}

function OrganizationFacts({ current }: { current: OrganizationDetails }) {
  const t = useTranslations("organizations");
  const locale = useLocale();
  return (
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
  );
}

/** How to register the portal at ezeep for "Connect with ezeep", or why it cannot be offered yet. */
function ConnectHelp({ keyReady, redirectUri }: { keyReady: boolean; redirectUri: string }) {
  const t = useTranslations("organizations");
  return (
    <div className="mt-4 border-t border-slate-100 pt-4 text-sm text-slate-600">
      {keyReady ? (
        <p>
          {t.rich("page.connectHelp", {
            uri: redirectUri,
            strong: (chunks) => <span className="font-medium text-slate-800">{chunks}</span>,
            code: (chunks) => <code className="font-mono text-xs break-all">{chunks}</code>,
          })}
        </p>
      ) : (
        <Notice tone="info">{t("page.needsKey")}</Notice>
      )}
    </div>
  );
}
