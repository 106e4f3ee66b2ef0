import type { Metadata } from "next";
import Link from "next/link";

import { ConnectorFields } from "@/lib/connectors/components/connector-fields";
import { listConnectorsSchema } from "@/lib/connectors/schemas";
import { connectorTypeLabel, listConnectors } from "@/lib/connectors/service";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { Badge, Card, EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { FilterSelect } from "@/lib/ui/filter-select";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Connectors" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** ezeep reports connector status as ON/OFF; the filter spells them out. */
const STATUS_LABELS: Record<string, string> = { ON: "Online (ON)", OFF: "Offline (OFF)" };

export default async function ConnectorsPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("connectors.read", "connectors");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const parsed = listConnectorsSchema.safeParse({
    type: str(params.type),
    status: str(params.status),
    q: str(params.q),
  });
  const query = parsed.success ? parsed.data : listConnectorsSchema.parse({});
  const loaded = await tryLoad(() => listConnectors(ctx.current, query));
  const filtered = Boolean(query.type || query.status || query.q);
  const typeHref = (type: string) => {
    const next = new URLSearchParams();
    if (type) next.set("type", type);
    if (query.status) next.set("status", query.status);
    if (query.q) next.set("q", query.q);
    const qs = next.toString();
    return qs ? `/connectors?${qs}` : "/connectors";
  };

  return (
    <>
      <PageHeader
        title="Connectors"
        description="Connectors link your printers to ezeep: ezeep Hubs, print servers and more. Each one lists the printers behind it."
        actions={
          ctx.can("printers.read") ? (
            <Link href="/printers" className={buttonClass.secondary}>
              All printers
            </Link>
          ) : null
        }
      />
      {!loaded.ok ? (
        <Notice tone="error">Connectors could not be loaded from ezeep. {loaded.error}</Notice>
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="types-title">
            <h2 id="types-title" className="sr-only">
              Connector types
            </h2>
            <nav aria-label="Connector types" className="mb-3 flex flex-wrap gap-2">
              {["", ...loaded.data.filters.types].map((type) => {
                const active = query.type === type;
                return (
                  <Link
                    key={type || "all"}
                    href={typeHref(type)}
                    aria-current={active ? "page" : undefined}
                    className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
                      active
                        ? "bg-brand-600 text-white ring-brand-600"
                        : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
                    }`}
                  >
                    {type ? connectorTypeLabel(type) : "All types"}
                  </Link>
                );
              })}
            </nav>
            <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/connectors">
              {query.type ? <input type="hidden" name="type" value={query.type} /> : null}
              <label htmlFor="connector-search" className="sr-only">
                Search connectors
              </label>
              <input
                id="connector-search"
                name="q"
                type="search"
                defaultValue={query.q}
                placeholder="Search by name, location or serial"
                className={inputClass}
              />
              <FilterSelect
                id="connector-status"
                name="status"
                label="Status"
                defaultValue={query.status}
                className="sm:w-40"
                options={[
                  { value: "", label: "Any status" },
                  ...loaded.data.filters.statuses.map((s) => ({
                    value: s,
                    label: STATUS_LABELS[s] ?? s,
                  })),
                ]}
              />
              <button type="submit" className={buttonClass.secondary}>
                Search
              </button>
            </form>
            {loaded.data.connectors.length === 0 && filtered ? (
              <EmptyState title="No connectors match">
                Nothing matches your filters.{" "}
                <Link className="font-medium text-brand-700 hover:underline" href="/connectors">
                  Show all connectors
                </Link>
              </EmptyState>
            ) : null}
            {loaded.data.connectors.length === 0 && !filtered ? (
              <EmptyState title="No connectors yet">
                Set up an ezeep Hub or install the ezeep connector on a print server: its printers then appear
                here.
              </EmptyState>
            ) : null}
            {loaded.data.connectors.length > 0 ? (
              <Card className="overflow-hidden">
                <table className="w-full text-left text-sm">
                  <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
                    <tr>
                      <th scope="col" className="px-4 py-3">
                        Connector
                      </th>
                      <th scope="col" className="px-4 py-3">
                        Type
                      </th>
                      <th scope="col" className="px-4 py-3">
                        Status
                      </th>
                      <th scope="col" className="px-4 py-3 text-right">
                        Printers
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {loaded.data.connectors.map((c) => (
                      <tr
                        key={c.id}
                        className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-3 hover:bg-slate-50 sm:table-row sm:px-0 sm:py-0"
                        data-testid="connector-row"
                      >
                        <td className="w-full min-w-0 sm:w-auto sm:px-4 sm:py-3">
                          <Link
                            href={`/connectors/${c.id}`}
                            className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                          >
                            {c.name}
                          </Link>
                          {c.location || c.description ? (
                            <p className="mt-0.5 line-clamp-1 text-slate-500">
                              {[c.location, c.description].filter(Boolean).join(" · ")}
                            </p>
                          ) : null}
                        </td>
                        <td className="sm:px-4 sm:py-3">
                          <Badge tone={c.type === "TPHub" ? "violet" : "slate"}>{c.typeLabel}</Badge>
                        </td>
                        <td className="sm:px-4 sm:py-3">
                          <StatusBadge status={c.status} />
                        </td>
                        <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
                          <Link
                            href={`/connectors/${c.id}#printers`}
                            className="hover:text-brand-700 hover:underline"
                          >
                            {c.printers} printer{c.printers === 1 ? "" : "s"}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
                  {loaded.data.connectors.length} of {loaded.data.totalConnectors} connectors
                </p>
              </Card>
            ) : null}
          </section>

          <section aria-labelledby="hub-title">
            <div className="mb-2">
              <h2 id="hub-title" className="text-base font-semibold text-slate-900">
                ezeep Hub configuration
              </h2>
              <p className="text-sm text-slate-600">
                The ezeep Hubs (type TPHub) of the organization, with the settings ezeep reports for each.
              </p>
            </div>
            {loaded.data.hubs.length === 0 ? (
              <EmptyState title="No ezeep Hub">This organization has no ezeep Hub connected.</EmptyState>
            ) : (
              <div className="grid gap-4 lg:grid-cols-2">
                {loaded.data.hubs.map((hub) => (
                  <Card key={hub.id} className="p-5">
                    <div className="mb-4 flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <h3 className="font-semibold text-slate-900">
                          <Link
                            href={`/connectors/${hub.id}`}
                            className="hover:text-brand-700 hover:underline"
                          >
                            {hub.name}
                          </Link>
                        </h3>
                        {hub.description ? <p className="text-sm text-slate-500">{hub.description}</p> : null}
                      </div>
                      <StatusBadge status={hub.status} />
                    </div>
                    <ConnectorFields connector={hub} />
                  </Card>
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </>
  );
}
