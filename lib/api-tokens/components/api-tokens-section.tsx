// Settings: the organization's API tokens — the form to create one (owners), and the table of
// tokens with when each was created and last used, whether it is revoked, and a revoke button.
import { useLocale, useTranslations } from "next-intl";

import { CreateTokenForm } from "@/lib/api-tokens/components/create-token-form";
import { RevokeTokenButton } from "@/lib/api-tokens/components/revoke-token-button";
import type { ApiTokenView } from "@/lib/api-tokens/service";
import { Badge, Card, formatDateTime } from "@/lib/ui/components";

function TokenStatus({ revokedAt }: { revokedAt: Date | null }) {
  const t = useTranslations("settings.apiTokens");
  const locale = useLocale();
  if (!revokedAt) return <Badge tone="green">{t("active")}</Badge>;
  return (
    <Badge tone="red" title={t("revokedAt", { date: formatDateTime(revokedAt, locale) })}>
      {t("revoked")}
    </Badge>
  );
}

function TokenRow({ token, canManage }: { token: ApiTokenView; canManage: boolean }) {
  const t = useTranslations("settings.apiTokens");
  const locale = useLocale();
  return (
    <tr
      data-testid="api-token"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 sm:table-row sm:px-0 sm:py-0"
    >
      <td className="w-full sm:w-auto sm:px-6 sm:py-3">
        <p className="font-medium text-slate-900">{token.name}</p>
        <p className="font-mono text-xs text-slate-500">{token.prefix}…</p>
      </td>
      <td className="text-slate-600 sm:px-4 sm:py-3">
        <span className="sm:hidden">{t("created")} </span>
        {formatDateTime(token.createdAt, locale)}
      </td>
      <td className="text-slate-600 sm:px-4 sm:py-3">
        <span className="sm:hidden">{t("lastUsed")} </span>
        {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t("never")}
      </td>
      <td className="sm:px-4 sm:py-3">
        <TokenStatus revokedAt={token.revokedAt} />
      </td>
      {canManage ? (
        <td className="ml-auto sm:px-6 sm:py-3 sm:text-right">
          {token.revokedAt ? null : <RevokeTokenButton token={{ id: token.id, name: token.name }} />}
        </td>
      ) : null}
    </tr>
  );
}

function TokenTable({ tokens, canManage }: { tokens: ApiTokenView[]; canManage: boolean }) {
  const t = useTranslations("settings.apiTokens");
  return (
    <table className="w-full text-left text-sm">
      <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
        <tr>
          <th scope="col" className="px-6 py-3">
            {t("name")}
          </th>
          <th scope="col" className="px-4 py-3">
            {t("created")}
          </th>
          <th scope="col" className="px-4 py-3">
            {t("lastUsed")}
          </th>
          <th scope="col" className="px-4 py-3">
            {t("status")}
          </th>
          {canManage ? (
            <th scope="col" className="px-6 py-3 text-right">
              <span className="sr-only">{t("actions")}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {tokens.map((token) => (
          <TokenRow key={token.id} token={token} canManage={canManage} />
        ))}
      </tbody>
    </table>
  );
}

/** `canManage`: may create and revoke tokens (owners); others see the list only. */
export function ApiTokensSection(props: {
  organizationName: string;
  tokens: ApiTokenView[];
  canManage: boolean;
}) {
  const { organizationName, tokens, canManage } = props;
  const t = useTranslations("settings.apiTokens");
  return (
    <Card className="overflow-hidden">
      <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
        <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {t.rich("description", {
            name: organizationName,
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
          {t("ownersOnly")}
        </p>
      )}
      {tokens.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-slate-600 sm:px-6">{t("empty")}</p>
      ) : (
        <TokenTable tokens={tokens} canManage={canManage} />
      )}
    </Card>
  );
}
