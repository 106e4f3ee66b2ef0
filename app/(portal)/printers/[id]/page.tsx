import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { connectorTypeText } from "@/lib/connectors/components/type-label";
import { DriverPicker } from "@/lib/drivers/components/driver-picker";
import { listVendors } from "@/lib/drivers/service";
import { PrinterGroupsEditor } from "@/lib/printers/components/printer-groups-editor";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { findPrinter, listGroupChoices, listPrinterUsers, type DriverRefView } from "@/lib/printers/service";
import { Badge, Breadcrumbs, Card, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("printers");
  return { title: t("detail.title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"printers">>>;

function Field(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{props.label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900" data-testid={props.testId}>
        {props.children}
      </dd>
    </div>
  );
}

function Section(props: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id}>
      <Card className="h-full">
        <div className="border-b border-slate-100 px-5 py-3">
          <h2 id={props.id} className="text-sm font-semibold text-slate-900">
            {props.title}
          </h2>
          {props.description ? <p className="mt-0.5 text-xs text-slate-500">{props.description}</p> : null}
        </div>
        <div className="p-5">{props.children}</div>
      </Card>
    </section>
  );
}

function driverText(t: Translate, d: DriverRefView | null) {
  if (!d) return <span className="text-slate-500">{t("detail.none")}</span>;
  return (
    <span title={d.id}>
      {d.name ?? t("table.driverFallback", { id: d.id.slice(0, 8) })}
      {d.vendor ? <span className="text-slate-500"> · {d.vendor}</span> : null}
    </span>
  );
}

const MAX_USERS = 100;

// ezeep reports the automatic driver assignment as an upper-case state (e.g. SUCCEEDED, SKIPPED).
const AUTO_DRIVER_STATES = {
  SUCCEEDED: "detail.autoSucceeded",
  SKIPPED: "detail.autoSkipped",
  FAILED: "detail.autoFailed",
  PENDING: "detail.autoPending",
} as const;

function autoDriverAssignmentText(t: Translate, state: string | null): string {
  if (!state) return "—";
  const upper = state.toUpperCase();
  if (upper in AUTO_DRIVER_STATES) return t(AUTO_DRIVER_STATES[upper as keyof typeof AUTO_DRIVER_STATES]);
  const words = state.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export default async function PrinterPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("printers.read", "printers");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const [t, tConnectors, locale] = await Promise.all([
    getTranslations("printers"),
    getTranslations("connectors"),
    getLocale(),
  ]);
  const { id } = await params;
  const org = ctx.current;
  const loaded = await tryLoad(() => findPrinter(org, id));
  if (loaded.ok && !loaded.data) notFound();
  const canWrite = ctx.can("printers.write");
  const printer = loaded.ok ? loaded.data! : null;
  const [groups, vendors, users, history] = await Promise.all([
    printer && canWrite ? tryLoad(() => listGroupChoices(org)) : null,
    printer && canWrite && ctx.can("drivers.read") ? tryLoad(() => listVendors(org)) : null,
    printer ? tryLoad(() => listPrinterUsers(org, printer.groups)) : null,
    ctx.can("audit.read") ? listAuditEntries(org, { targetType: "printer", targetId: id, limit: 10 }) : null,
  ]);

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("detail.breadcrumb"), href: "/printers" },
          { label: printer?.name ?? t("detail.title") },
        ]}
      />
      {!printer ? (
        <div className="mt-4">
          <Notice tone="error">{t("detail.loadFailed", { error: !loaded.ok ? loaded.error : "" })}</Notice>
        </div>
      ) : (
        <div className="mt-2 space-y-6">
          <PageHeader
            title={printer.name}
            description={
              [printer.location, [printer.vendor, printer.model].filter(Boolean).join(" ")]
                .filter(Boolean)
                .join(" · ") || t("detail.noLocationOrModel")
            }
            actions={<StatusBadge status={printer.status} />}
          />
          <Card>
            <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-4">
              <Field label={t("detail.connector")}>
                {printer.connectorId ? (
                  <Link
                    href={`/connectors/${printer.connectorId}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {printer.connectorName ?? t("detail.unknownConnector")}
                  </Link>
                ) : (
                  <span className="text-slate-500">{t("detail.none")}</span>
                )}
                {printer.connectorType ? (
                  <span className="block text-xs text-slate-500">
                    {connectorTypeText(tConnectors, printer.connectorType)}
                  </span>
                ) : null}
              </Field>
              <Field label={t("detail.location")}>
                {printer.location || <span className="text-slate-500">{t("detail.notReported")}</span>}
              </Field>
              <Field label={t("detail.vendorModel")}>
                {[printer.vendor, printer.model].filter(Boolean).join(" ") || (
                  <span className="text-slate-500">{t("detail.notReported")}</span>
                )}
              </Field>
              <Field label={t("detail.driverInUse")}>
                {driverText(t, printer.driver)}
                {printer.driver ? (
                  <span className="mt-1 block">
                    <Badge tone={printer.driver.manual ? "violet" : "slate"}>
                      {printer.driver.manual ? t("detail.manual") : t("detail.automatic")}
                    </Badge>
                  </span>
                ) : null}
              </Field>
            </dl>
          </Card>

          <div className="grid gap-6 lg:grid-cols-2">
            <Section
              id="groups-title"
              title={t("detail.groupsTitle")}
              description={t("detail.groupsDescription")}
            >
              {groups && !groups.ok ? (
                <Notice tone="error">{t("detail.groupsFailed", { error: groups.error })}</Notice>
              ) : null}
              <PrinterGroupsEditor
                printerId={printer.id}
                printerName={printer.name}
                assigned={printer.groups}
                allGroups={groups && groups.ok ? groups.data.map((g) => ({ id: g.id, name: g.name })) : []}
                canWrite={canWrite && Boolean(groups?.ok)}
              />
            </Section>

            <Section
              id="driver-title"
              title={t("detail.driverTitle")}
              description={t("detail.driverDescription")}
            >
              <dl className="mb-4 grid gap-3 sm:grid-cols-2">
                <Field label={t("detail.manualDriver")} testId="manual-driver">
                  {driverText(t, printer.manualDriver)}
                </Field>
                <Field label={t("detail.automaticDriver")}>{driverText(t, printer.autoDriver)}</Field>
              </dl>
              {vendors?.ok ? (
                <DriverPicker
                  printerId={printer.id}
                  printerName={printer.name}
                  vendors={vendors.data}
                  defaultVendor={printer.manualDriver?.vendor ?? printer.vendor}
                  manualDriver={
                    printer.manualDriver
                      ? { id: printer.manualDriver.id, name: printer.manualDriver.name }
                      : null
                  }
                />
              ) : null}
              {vendors && !vendors.ok ? (
                <Notice tone="error">{t("detail.vendorsFailed", { error: vendors.error })}</Notice>
              ) : null}
            </Section>
          </div>

          <Section
            id="capabilities-title"
            title={t("detail.capabilitiesTitle")}
            description={t("detail.capabilitiesDescription")}
          >
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
              <Field label={t("detail.supportedFormats")}>
                {printer.capabilities.supportedFormats.length ? (
                  <span className="flex flex-wrap gap-1">
                    {printer.capabilities.supportedFormats.map((f) => (
                      <Badge key={f}>{f}</Badge>
                    ))}
                  </span>
                ) : (
                  <span className="text-slate-500">{t("detail.noneReported")}</span>
                )}
              </Field>
              <Field label={t("detail.status")}>{printer.capabilities.status || "—"}</Field>
              <Field label={t("detail.autoAssignment")}>
                {autoDriverAssignmentText(t, printer.capabilities.autoDriverAssignmentState)}
              </Field>
              <Field label={t("detail.printOptions")}>
                {printer.capabilities.blob ? (
                  <>
                    {t("detail.featuresSettings", {
                      features: printer.capabilities.blob.count ?? "?",
                      settings: printer.capabilities.blob.options ?? "?",
                    })}
                    {printer.capabilities.blob.blobLength !== null ? (
                      <span className="block text-xs text-slate-500">
                        {t("detail.driverData", {
                          count: printer.capabilities.blob.blobLength.toLocaleString(locale),
                        })}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500">{t("detail.noneReported")}</span>
                )}
              </Field>
              <Field label={t("detail.tpId")}>{printer.capabilities.tpId ?? "—"}</Field>
              <Field label={t("detail.pnpId")}>
                {printer.capabilities.pnpId ? (
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs break-all">
                    {printer.capabilities.pnpId}
                  </code>
                ) : (
                  "—"
                )}
              </Field>
            </dl>
          </Section>

          <Section id="users-title" title={t("detail.usersTitle")} description={t("detail.usersDescription")}>
            {users && !users.ok ? (
              <Notice tone="error">{t("detail.usersFailed", { error: users.error })}</Notice>
            ) : null}
            {users?.ok && users.data.length === 0 ? (
              <p className="text-sm text-slate-500">
                {printer.groups.length === 0 ? t("detail.nobodyNoGroup") : t("detail.nobodyNoMembers")}
              </p>
            ) : null}
            {users?.ok && users.data.length > 0 ? (
              <>
                <ul className="divide-y divide-slate-100" aria-label={t("detail.usersList")}>
                  {users.data.slice(0, MAX_USERS).map((u) => (
                    <li
                      key={u.id}
                      className="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:items-center sm:justify-between"
                    >
                      <span className="min-w-0">
                        <span className="font-medium text-slate-900">{u.name}</span>
                        {u.email && u.email !== u.name ? (
                          <span className="block truncate text-slate-500 sm:inline sm:before:content-['_·_']">
                            {u.email}
                          </span>
                        ) : null}
                      </span>
                      <span className="flex flex-wrap gap-1">
                        {u.via.map((g) => (
                          <Badge key={g.id} tone="blue">
                            {g.name}
                          </Badge>
                        ))}
                      </span>
                    </li>
                  ))}
                </ul>
                <p className="mt-2 text-xs text-slate-500">
                  {users.data.length > MAX_USERS
                    ? t("detail.showingUsers", { shown: MAX_USERS, count: users.data.length })
                    : t("detail.userCount", { count: users.data.length })}
                </p>
              </>
            ) : null}
          </Section>
        </div>
      )}
      {history ? <RecentChanges entries={history.entries} emptyText={t("detail.noHistory")} /> : null}
    </>
  );
}
