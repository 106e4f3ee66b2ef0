// Settings → NDD Orbix: the Client names this organization answers to, the mass-removal guard,
// and one curl per endpoint.
import { getTranslations } from "next-intl/server";

import type { OrgContext } from "@/lib/auth/context";
import { MassRemovalForm, NddClientForms } from "@/lib/provisioning/components/ndd-settings-forms";
import { listClients } from "@/lib/provisioning/ndd/clients";
import { massRemovalPercent } from "@/lib/provisioning/ndd/settings";
import { Card } from "@/lib/ui/components";

export async function NddSettingsSection(props: { ctx: OrgContext; canManage: boolean; baseUrl: string }) {
  const { ctx, canManage, baseUrl } = props;
  const t = await getTranslations("ndd.settings");
  const [clients, percent] = await Promise.all([
    listClients(ctx.organization.id),
    massRemovalPercent(ctx.organization.id),
  ]);
  const names = clients.map((c) => c.name);
  return (
    <Card className="p-4 sm:p-6">
      <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("intro", {
          org: ctx.organization.name,
          code: (chunks) => <code className="font-mono">{chunks}</code>,
          strong: (chunks) => <span className="font-medium">{chunks}</span>,
        })}
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <ClientNamesPanel names={names} canManage={canManage} />
        <MassRemovalPanel percent={percent} canManage={canManage} />
      </div>
      <CurlExamples baseUrl={baseUrl} organizationName={ctx.organization.name} client={names[0] ?? "ABC"} />
    </Card>
  );
}

async function ClientNamesPanel({ names, canManage }: { names: string[]; canManage: boolean }) {
  const t = await getTranslations("ndd.settings");
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">{t("clientNames")}</h3>
      {canManage ? (
        <div className="mt-2">
          <NddClientForms clients={names} />
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-600">
          {names.length ? names.join(", ") : t("noneRegistered")} {t("onlyOwners")}
        </p>
      )}
    </div>
  );
}

async function MassRemovalPanel({ percent, canManage }: { percent: number; canManage: boolean }) {
  const t = await getTranslations("ndd.settings");
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">{t("massRemoval")}</h3>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("massRemovalHint", {
          percent,
          code: (chunks) => <code className="font-mono">{chunks}</code>,
        })}
      </p>
      {canManage ? (
        <div className="mt-2">
          <MassRemovalForm percent={percent} />
        </div>
      ) : null}
    </div>
  );
}

/** One curl per endpoint, with this organization as the tenant and its first Client name. */
async function CurlExamples(props: { baseUrl: string; organizationName: string; client: string }) {
  const t = await getTranslations("ndd.settings");
  const { baseUrl, client } = props;
  const tenant = props.organizationName.replace(/'/g, "");
  const curl = (path: string, body: string) =>
    `curl -X POST '${baseUrl}${path}' -H 'Tenant: ${tenant}' -H 'Authorization: Bearer <API token>' \\\n  -H 'Content-Type: application/json' --data-raw '${body}'`;
  return (
    <pre
      // Wider than a phone: focusable so it can be scrolled with the arrow keys.
      tabIndex={0}
      role="region"
      aria-label={t("examples")}
      className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
    >
      {[
        curl(
          "/v1/users",
          `{"Client":"${client}","Users":[{"Logon":"joao.souza","Domain":"NDD","Name":"João Souza"}]}`,
        ),
        curl(
          "/v1/groups/users?dryRun=true",
          `{"Client":"${client}","Groups":[{"GroupName":"Group 1","Users":[{"Logon":"carlos.silva","Domain":"NDD","Email":"carlos.silva@example.com"}]}]}`,
        ),
      ].join("\n\n")}
    </pre>
  );
}
