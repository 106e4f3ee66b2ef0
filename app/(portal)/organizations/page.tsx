import type { Metadata } from "next";
import Link from "next/link";

import { ROLE_LABELS } from "@/lib/auth/permissions";
import { hasEncryptionKey } from "@/lib/crypto";
import { ConnectButton, DisconnectButton } from "@/lib/organizations/components/connection-buttons";
import {
  CreatePartnerOrganizationForm,
  DeletePartnerOrganizationButton,
} from "@/lib/organizations/components/partner-organizations";
import { connectErrorMessage } from "@/lib/organizations/connect-errors";
import { redirectUri } from "@/lib/organizations/oauth";
import { NOT_PARTNER_MESSAGE, partnerAccess } from "@/lib/organizations/partner-access";
import { organizationDetails } from "@/lib/organizations/service";
import { Badge, Card, formatDateTime, Notice, PageHeader } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Organizations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const NOTICES: Record<string, (name: string) => string> = {
  connected: (name) => `“${name}” is now connected with your ezeep sign-in.`,
  added: (name) => `“${name}” was added to the portal; you are its owner.`,
  created: (name) =>
    `“${name}” was created in ezeep; you are its owner. Switch to it with the organization menu.`,
  deleted: (name) => `“${name}” was deleted.`,
  disconnected: (name) => `“${name}” was disconnected; its stored ezeep sign-in was revoked and deleted.`,
};

function ConnectionBadge(props: { connection: string }) {
  return props.connection === "authorization_code" ? (
    <Badge tone="violet" title="Connected by an ezeep admin's sign-in (authorization code)">
      ezeep sign-in
    </Badge>
  ) : (
    <Badge tone="slate" title="The portal's own API client (client credentials)">
      API client
    </Badge>
  );
}

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("organizations.read", "organizations");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const canManage = ctx.can("organizations.manage");
  const current = await organizationDetails(ctx.current.organization.id);
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  const error = connectErrorMessage(params.error);
  const keyReady = hasEncryptionKey();
  const partner = canManage ? await partnerAccess(ctx.current) : null;

  return (
    <>
      <PageHeader
        title="Organizations"
        description="The ezeep organizations this portal manages, and how it connects to each."
        actions={
          canManage ? (
            <Link href="/organizations/provision" className={buttonClass.primary}>
              New organization with Azure AD
            </Link>
          ) : null
        }
      />
      {notice ? (
        <Notice tone="success">{notice(typeof params.name === "string" ? params.name : "")}</Notice>
      ) : null}
      {error ? <Notice tone="error">Connecting did not work: {error}</Notice> : null}

      <div className="space-y-6">
        <Card className="p-4 sm:p-6">
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                Current organization
              </p>
              <h2 className="mt-1 text-lg font-semibold text-slate-900">{current.name}</h2>
              <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-500">ezeep id</dt>
                <dd className="font-mono text-xs break-all text-slate-800 sm:text-sm">{current.ezeepId}</dd>
                <dt className="text-slate-500">Connection</dt>
                <dd>
                  <ConnectionBadge connection={current.connection} />
                </dd>
                {current.connection === "authorization_code" ? (
                  <>
                    <dt className="text-slate-500">Access renewed</dt>
                    <dd className="text-slate-800">
                      {current.tokenExpiresAt
                        ? `valid until ${formatDateTime(current.tokenExpiresAt)}`
                        : "on next use"}
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
                    label={current.connection === "authorization_code" ? "Reconnect" : "Connect with ezeep"}
                  />
                ) : null}
              </div>
            ) : null}
          </div>
          {canManage ? (
            <div className="mt-4 border-t border-slate-100 pt-4 text-sm text-slate-600">
              {keyReady ? (
                <p>
                  <span className="font-medium text-slate-800">Connect with ezeep</span> signs in to ezeep as
                  an administrator of an organization (OAuth authorization code with PKCE). ezeep returns to{" "}
                  <code className="font-mono text-xs break-all">{redirectUri()}</code>, which must be
                  registered for the portal’s API client. Signing in to the current organization switches it
                  to that sign-in; signing in to another one adds it to the portal with you as its owner. The
                  refresh token is stored encrypted and renewed on every use.
                </p>
              ) : (
                <Notice tone="info">
                  Connecting by sign-in needs PORTAL_ENCRYPTION_KEY on the server (see README).
                </Notice>
              )}
            </div>
          ) : null}
        </Card>

        <Card className="overflow-hidden">
          <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
            <h2 className="text-base font-semibold text-slate-900">Your organizations</h2>
            <p className="mt-1 text-sm text-slate-600">
              Your role is per organization; switch with the organization menu at the top.
            </p>
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
                    <span className="ml-2 text-xs font-normal text-slate-500">(current)</span>
                  ) : null}
                </span>
                <span className="text-slate-600">{ROLE_LABELS[m.role]}</span>
                <ConnectionBadge connection={m.organization.connection} />
              </li>
            ))}
          </ul>
        </Card>

        {partner ? (
          <Card className="overflow-hidden">
            <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
              <h2 className="text-base font-semibold text-slate-900">Partner organizations</h2>
              <p className="mt-1 text-sm text-slate-600">
                Organizations the portal’s ezeep partner client controls in which you hold a role. Only owners
                see this.
              </p>
            </div>
            {partner.state === "not-partner" ? (
              <p className="px-4 py-4 text-sm text-slate-700 sm:px-6" data-testid="no-partner-rights">
                {NOT_PARTNER_MESSAGE}
              </p>
            ) : null}
            {partner.state === "unavailable" ? (
              <p className="px-4 py-4 text-sm text-slate-600 sm:px-6">
                The partner list could not be loaded: {partner.error}
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
                        In portal
                        {o.role ? ` · ${ROLE_LABELS[o.role as keyof typeof ROLE_LABELS] ?? o.role}` : ""}
                      </Badge>
                    ) : (
                      <Badge>Not in portal</Badge>
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
                  New organization
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
