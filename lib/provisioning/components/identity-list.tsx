// The NDD page's table: one row per identity, stacked on narrow screens.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import type { IdentityView } from "@/lib/provisioning/ndd/queries";
import { Badge, Card, EmptyState, formatDateTime, Notice, Pagination } from "@/lib/ui/components";
import { buttonClass, inputClass } from "@/lib/ui/styles";

// Labels: ndd.list.states.<state>.
const STATE_TONES = {
  active: "green",
  invited: "blue",
  pending: "slate",
  waiting_email: "amber",
} as const;
type IdentityState = keyof typeof STATE_TONES;

function stateOf(value: string): IdentityState {
  return Object.hasOwn(STATE_TONES, value) ? (value as IdentityState) : "pending";
}

function EzeepLink({ item }: { item: IdentityView }) {
  const t = useTranslations("ndd.list");
  if (item.state === "active" && item.ezeepUserId)
    return (
      <Link className="text-blue-700 hover:underline" href={`/users/${item.ezeepUserId}`}>
        {t("userPage")}
      </Link>
    );
  if (item.state === "invited")
    return (
      <Link
        className="text-blue-700 hover:underline"
        href={`/invitations?q=${encodeURIComponent(item.email ?? "")}`}
      >
        {item.invitedByNdd ? t("invitationForNdd") : t("invitation")}
      </Link>
    );
  return <span className="text-slate-500">—</span>;
}

type IdentityPage = {
  items: IdentityView[];
  total: number;
  page: number;
  pageCount: number;
  waiting: number;
};

export function IdentityList(props: { data: IdentityPage; q: string }) {
  const t = useTranslations("ndd.list");
  const { data, q } = props;
  const hrefFor = (page: number) =>
    `/ndd?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <div className="space-y-4">
      {data.waiting > 0 ? <Notice tone="info">{t("waiting", { count: data.waiting })}</Notice> : null}
      <IdentitySearch q={q} />
      <Card className="overflow-hidden">
        {data.items.length === 0 ? (
          <EmptyState title={q ? t("noMatch") : t("emptyTitle")}>{q ? null : t("emptyBody")}</EmptyState>
        ) : (
          <IdentityTable items={data.items} />
        )}
        <Pagination
          page={data.page}
          pageCount={data.pageCount}
          total={data.total}
          noun={t("noun")}
          hrefFor={hrefFor}
        />
      </Card>
    </div>
  );
}

function IdentitySearch({ q }: { q: string }) {
  const t = useTranslations("ndd.list");
  return (
    <form className="flex flex-col gap-2 sm:flex-row" role="search" action="/ndd">
      <label htmlFor="ndd-q" className="sr-only">
        {t("searchLabel")}
      </label>
      <input
        id="ndd-q"
        name="q"
        defaultValue={q}
        placeholder={t("searchPlaceholder")}
        className={`${inputClass} sm:max-w-md`}
      />
      <button type="submit" className={buttonClass.secondary}>
        {t("search")}
      </button>
    </form>
  );
}

// Column headings: ndd.list.<key>; hidden on narrow screens, where each row stacks.
const COLUMNS = ["domainLogon", "nameEmail", "inEzeep", "groupings", "lastSeen"] as const;

function IdentityTable({ items }: { items: IdentityView[] }) {
  const t = useTranslations("ndd.list");
  return (
    <table className="w-full text-left text-sm">
      <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase md:table-header-group">
        <tr>
          {COLUMNS.map((column) => (
            <th key={column} scope="col" className="px-4 py-3">
              {t(column)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((item) => (
          <IdentityRow key={item.id} item={item} />
        ))}
      </tbody>
    </table>
  );
}

function IdentityRow({ item }: { item: IdentityView }) {
  const t = useTranslations("ndd.list");
  const locale = useLocale();
  const state = stateOf(item.state);
  return (
    <tr data-testid="ndd-identity" className="block px-4 py-3 md:table-row md:p-0">
      <td className="block md:table-cell md:px-4 md:py-3">
        <p className="font-mono text-slate-900">{item.user}</p>
        <p className="text-xs text-slate-500">{t("client", { client: item.client })}</p>
      </td>
      <td className="block md:table-cell md:px-4 md:py-3">
        <p className="text-slate-900">{item.name ?? <span className="text-slate-500">{t("noName")}</span>}</p>
        <p className="break-all text-slate-600">{item.email ?? t("noEmail")}</p>
      </td>
      <td className="mt-1 block md:table-cell md:px-4 md:py-3">
        <Badge tone={STATE_TONES[state]}>{t(`states.${state}`)}</Badge> <EzeepLink item={item} />
      </td>
      <td className="mt-1 block text-slate-700 md:table-cell md:px-4 md:py-3">
        {item.groupings.length ? (
          item.groupings.join(", ")
        ) : (
          <span className="text-slate-500">{t("none")}</span>
        )}
      </td>
      <td className="mt-1 block text-slate-600 md:table-cell md:px-4 md:py-3">
        <span className="mr-1 md:hidden">{t("lastSeen")}</span>
        {formatDateTime(item.lastSeenAt, locale)}
      </td>
    </tr>
  );
}
