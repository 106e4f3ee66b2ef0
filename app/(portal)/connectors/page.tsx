import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { ConnectorFields } from "@/lib/connectors/components/connector-fields";
import { connectorTypeText } from "@/lib/connectors/components/type-label";
import { listConnectorsSchema } from "@/lib/connectors/schemas";
import { listConnectors } from "@/lib/connectors/service";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { Badge, Card, EmptyState, Notice, PageHeader } from "@/lib/ui/components";
import { FilterSelect } from "@/lib/ui/filter-select";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("connectors");
  return { title: t("list.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** ezeep reports connector status as ON/OFF; the filter spells them out. */
const STATUS_KEYS = { ON: "list.statusOn", OFF: "list.statusOff" } as const;

function isKnownStatus(status: string): status is keyof typeof STATUS_KEYS {
  return status in STATUS_KEYS;
}

export default async function ConnectorsPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("connectors.read", "connectors");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const t = await getTranslations("connectors");
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
        title={t("list.title")}
        description={t("list.description")}
        actions={
          ctx.can("printers.read") ? (
            <Link href="/printers" className={buttonClass.secondary}>
              {t("list.allPrinters")}
            </Link>
          ) : null
        }
      />
      {!loaded.ok ? (
        <Notice tone="error">{t("list.loadFailed", { error: loaded.error })}</Notice>
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="types-title">
            <h2 id="types-title" className="sr-only">
              {t("list.types")}
            </h2>
            <nav aria-label={t("list.types")} className="mb-3 flex flex-wrap gap-2">
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
                    {type ? connectorTypeText(t, type) : t("list.allTypes")}
                  </Link>
                );
              })}
            </nav>
            <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/connectors">
              {query.type ? <input type="hidden" name="type" value={query.type} /> : null}
              <label htmlFor="connector-search" className="sr-only">
                {t("list.searchLabel")}
              </label>
              <input
                id="connector-search"
                name="q"
                type="search"
                defaultValue={query.q}
                placeholder={t("list.searchPlaceholder")}
                className={inputClass}
              />
              <FilterSelect
                id="connector-status"
                name="status"
                label={t("list.status")}
                defaultValue={query.status}
                className="sm:w-40"
                options={[
                  { value: "", label: t("list.anyStatus") },
                  ...loaded.data.filters.statuses.map((s) => ({
                    value: s,
                    label: isKnownStatus(s) ? t(STATUS_KEYS[s]) : s,
                  })),
                ]}
              />
              <button type="submit" className={buttonClass.secondary}>
                {t("list.search")}
              </button>
            </form>
            {loaded.data.connectors.length === 0 && filtered ? (
              <EmptyState title={t("list.noMatchTitle")}>
                {t("list.noMatch")}{" "}
                <Link className="font-medium text-brand-700 hover:underline" href="/connectors">
                  {t("list.showAll")}
                </Link>
              </EmptyState>
            ) : null}
            {loaded.data.connectors.length === 0 && !filtered ? (
              <EmptyState title={t("list.emptyTitle")}>{t("list.empty")}</EmptyState>
            ) : null}
            {loaded.data.connectors.length > 0 ? (
              <Card className="overflow-hidden">
                <table className="w-full text-left text-sm">
                  <thead className="sr-only border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:not-sr-only sm:table-header-group">
                    <tr>
                      <th scope="col" className="px-4 py-3">
                        {t("list.colConnector")}
                      </th>
                      <th scope="col" className="px-4 py-3">
                        {t("list.colType")}
                      </th>
                      <th scope="col" className="px-4 py-3">
                        {t("list.colStatus")}
                      </th>
                      <th scope="col" className="px-4 py-3 text-right">
                        {t("list.colPrinters")}
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
                          <Badge tone={c.type === "TPHub" ? "violet" : "slate"}>
                            {connectorTypeText(t, c.type)}
                          </Badge>
                        </td>
                        <td className="sm:px-4 sm:py-3">
                          <StatusBadge status={c.status} />
                        </td>
                        <td className="text-slate-600 sm:px-4 sm:py-3 sm:text-right">
                          <Link
                            href={`/connectors/${c.id}#printers`}
                            className="hover:text-brand-700 hover:underline"
                          >
                            {t("list.printerCount", { count: c.printers })}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
                  {t("list.shown", {
                    shown: loaded.data.connectors.length,
                    total: loaded.data.totalConnectors,
                  })}
                </p>
              </Card>
            ) : null}
          </section>

          <section aria-labelledby="hub-title">
            <div className="mb-2">
              <h2 id="hub-title" className="text-base font-semibold text-slate-900">
                {t("list.hubTitle")}
              </h2>
              <p className="text-sm text-slate-600">{t("list.hubDescription")}</p>
            </div>
            {loaded.data.hubs.length === 0 ? (
              <EmptyState title={t("list.noHubTitle")}>{t("list.noHub")}</EmptyState>
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
