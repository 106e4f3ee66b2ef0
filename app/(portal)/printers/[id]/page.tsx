import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { DriverPicker } from "@/lib/drivers/components/driver-picker";
import { listVendors } from "@/lib/drivers/service";
import { PrinterGroupsEditor } from "@/lib/printers/components/printer-groups-editor";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { findPrinter, listGroupChoices, listPrinterUsers, type DriverRefView } from "@/lib/printers/service";
import { Badge, Breadcrumbs, Card, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export const metadata: Metadata = { title: "Printer" };

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

function driverText(d: DriverRefView | null) {
  if (!d) return <span className="text-slate-500">None</span>;
  return (
    <span title={d.id}>
      {d.name ?? `Driver ${d.id.slice(0, 8)}…`}
      {d.vendor ? <span className="text-slate-500"> · {d.vendor}</span> : null}
    </span>
  );
}

const MAX_USERS = 100;

// ezeep reports the automatic driver assignment as an upper-case state (e.g. SUCCEEDED, SKIPPED).
const AUTO_DRIVER_STATES: Record<string, string> = {
  SUCCEEDED: "Done: ezeep chose the driver",
  SKIPPED: "Not done: the driver was chosen by hand or none matched",
  FAILED: "Failed: choose a driver by hand",
  PENDING: "In progress",
};

function autoDriverAssignmentText(state: string | null): string {
  if (!state) return "—";
  const known = AUTO_DRIVER_STATES[state.toUpperCase()];
  if (known) return known;
  const words = state.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export default async function PrinterPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("printers.read", "printers");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
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
        items={[{ label: "Printers", href: "/printers" }, { label: printer?.name ?? "Printer" }]}
      />
      {!printer ? (
        <div className="mt-4">
          <Notice tone="error">
            The printer could not be loaded from ezeep. {!loaded.ok ? loaded.error : null}
          </Notice>
        </div>
      ) : (
        <div className="mt-2 space-y-6">
          <PageHeader
            title={printer.name}
            description={
              [printer.location, [printer.vendor, printer.model].filter(Boolean).join(" ")]
                .filter(Boolean)
                .join(" · ") || "No location or model reported."
            }
            actions={<StatusBadge status={printer.status} />}
          />
          <Card>
            <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-4">
              <Field label="Connector">
                {printer.connectorId ? (
                  <Link
                    href={`/connectors/${printer.connectorId}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {printer.connectorName ?? "Unknown connector"}
                  </Link>
                ) : (
                  <span className="text-slate-500">None</span>
                )}
                {printer.connectorType ? (
                  <span className="block text-xs text-slate-500">{printer.connectorType}</span>
                ) : null}
              </Field>
              <Field label="Location">
                {printer.location || <span className="text-slate-500">Not reported</span>}
              </Field>
              <Field label="Vendor and model">
                {[printer.vendor, printer.model].filter(Boolean).join(" ") || (
                  <span className="text-slate-500">Not reported</span>
                )}
              </Field>
              <Field label="Driver in use">
                {driverText(printer.driver)}
                {printer.driver ? (
                  <span className="mt-1 block">
                    <Badge tone={printer.driver.manual ? "violet" : "slate"}>
                      {printer.driver.manual ? "Manual" : "Automatic"}
                    </Badge>
                  </span>
                ) : null}
              </Field>
            </dl>
          </Card>

          <div className="grid gap-6 lg:grid-cols-2">
            <Section
              id="groups-title"
              title="Assigned groups"
              description="Members of these groups can print to this printer."
            >
              {groups && !groups.ok ? (
                <Notice tone="error">The groups could not be loaded from ezeep. {groups.error}</Notice>
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
              title="Driver"
              description="A manual driver overrides the one ezeep chose automatically."
            >
              <dl className="mb-4 grid gap-3 sm:grid-cols-2">
                <Field label="Manual driver" testId="manual-driver">
                  {driverText(printer.manualDriver)}
                </Field>
                <Field label="Automatic driver">{driverText(printer.autoDriver)}</Field>
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
                <Notice tone="error">
                  The driver vendors could not be loaded from ezeep. {vendors.error}
                </Notice>
              ) : null}
            </Section>
          </div>

          <Section
            id="capabilities-title"
            title="Capabilities"
            description="As ezeep reports them for this printer."
          >
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
              <Field label="Supported formats">
                {printer.capabilities.supportedFormats.length ? (
                  <span className="flex flex-wrap gap-1">
                    {printer.capabilities.supportedFormats.map((f) => (
                      <Badge key={f}>{f}</Badge>
                    ))}
                  </span>
                ) : (
                  <span className="text-slate-500">None reported</span>
                )}
              </Field>
              <Field label="Status">{printer.capabilities.status || "—"}</Field>
              <Field label="Automatic driver assignment">
                {autoDriverAssignmentText(printer.capabilities.autoDriverAssignmentState)}
              </Field>
              <Field label="Print options reported">
                {printer.capabilities.blob ? (
                  <>
                    {printer.capabilities.blob.count ?? "?"} features ·{" "}
                    {printer.capabilities.blob.options ?? "?"} settings
                    {printer.capabilities.blob.blobLength !== null ? (
                      <span className="block text-xs text-slate-500">
                        {printer.capabilities.blob.blobLength.toLocaleString("en")} characters of driver data
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500">None reported</span>
                )}
              </Field>
              <Field label="Printer number on connector">{printer.capabilities.tpId ?? "—"}</Field>
              <Field label="Plug and Play id">
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

          <Section id="users-title" title="Who can print here" description="Members of the assigned groups.">
            {users && !users.ok ? (
              <Notice tone="error">The users could not be loaded from ezeep. {users.error}</Notice>
            ) : null}
            {users?.ok && users.data.length === 0 ? (
              <p className="text-sm text-slate-500">
                {printer.groups.length === 0
                  ? "Nobody: no group is assigned to this printer."
                  : "Nobody: the assigned groups have no members."}
              </p>
            ) : null}
            {users?.ok && users.data.length > 0 ? (
              <>
                <ul className="divide-y divide-slate-100" aria-label="Users who can print here">
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
                    ? `Showing ${MAX_USERS} of ${users.data.length} users.`
                    : `${users.data.length} user${users.data.length === 1 ? "" : "s"}.`}
                </p>
              </>
            ) : null}
          </Section>
        </div>
      )}
      {history ? (
        <RecentChanges
          entries={history.entries}
          emptyText="No changes were made to this printer through the portal yet."
        />
      ) : null}
    </>
  );
}
