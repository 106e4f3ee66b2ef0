import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { AuditTable } from "@/lib/audit/components/audit-table";
import { listAuditEntries } from "@/lib/audit/queries";
import { getPageContext } from "@/lib/auth/session";
import { summarizeGroups } from "@/lib/groups/service";
import { InvitationsCard } from "@/lib/invitations/components/invitations-card";
import { HealthCard } from "@/lib/overview/components/health-card";
import { organizationHealth, type HealthItem } from "@/lib/overview/health";
import { Card, EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

export default async function OverviewPage() {
  const ctx = await getPageContext();
  const t = await getTranslations("overview");
  if (!ctx.current) return <EmptyState title={t("noOrg.title")}>{t("noOrg.body")}</EmptyState>;
  const tShell = await getTranslations("shell");
  const [groups, recent, health] = await Promise.all([
    tryLoad(() => summarizeGroups(ctx.current!)),
    ctx.can("audit.read") ? listAuditEntries(ctx.current, { limit: 6 }) : null,
    organizationHealth(ctx.current),
  ]);
  // Each figure only for who may open the list it links to.
  const HEALTH_PERMISSION = {
    printers: "printers.read",
    connectors: "connectors.read",
    invitations: "invitations.read",
    failed: "audit.read",
    unknown: "audit.read",
  } as const satisfies Record<HealthItem["key"], string>;
  const healthItems = health.filter((item) => ctx.can(HEALTH_PERMISSION[item.key]));
  const stats = groups.ok
    ? [
        { label: t("stats.groups"), value: groups.data.total, href: "/groups" },
        { label: t("stats.azure"), value: groups.data.azure, href: "/groups?origin=azure" },
        { label: t("stats.memberships"), value: groups.data.memberships, href: "/groups" },
      ]
    : [];

  return (
    <>
      <PageHeader
        title={ctx.current.organization.name}
        description={t("signedInAs", { name: ctx.admin.name, role: tShell(`roles.${ctx.current.role!}`) })}
      />
      {!groups.ok ? <Notice tone="error">{t("ezeepUnreachable", { error: groups.error })}</Notice> : null}
      <div className="mb-8 grid grid-cols-3 gap-2 sm:gap-4">
        {stats.map((s) => (
          <Link
            key={s.label}
            href={s.href}
            className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm transition hover:border-brand-500 sm:p-5"
          >
            <p className="text-xs text-slate-600 sm:text-sm">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{s.value}</p>
          </Link>
        ))}
      </div>
      <HealthCard items={healthItems} />
      {ctx.can("invitations.read") ? <InvitationsCard ctx={ctx.current} /> : null}
      {recent ? (
        <section aria-labelledby="recent-title">
          <div className="mb-2 flex items-center justify-between">
            <h2 id="recent-title" className="text-sm font-semibold text-slate-900">
              {t("recent.title")}
            </h2>
            <Link href="/audit" className="text-sm font-medium text-brand-700 hover:underline">
              {t("recent.openAudit")}
            </Link>
          </div>
          <Card>
            {recent.entries.length ? (
              <AuditTable entries={recent.entries} />
            ) : (
              <p className="px-4 py-6 text-sm text-slate-500">{t("recent.empty")}</p>
            )}
          </Card>
        </section>
      ) : null}
    </>
  );
}
