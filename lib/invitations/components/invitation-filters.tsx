// The invitations page's filters: tabs by status (each with its count) and the e-mail search.
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import type { InvitationStatus, ListInvitationsQuery } from "@/lib/invitations/schemas";
import type { InvitationPage } from "@/lib/invitations/service";
import { SearchForm } from "@/lib/ui/search-form";

type StatusTab = "all" | InvitationStatus;

const TABS: StatusTab[] = ["all", "pending", "expired", "accepted", "cancelled"];

/** The list's address for a page (and a status tab), keeping the search. */
export function invitationsHref(query: ListInvitationsQuery, page: number, status = query.status): string {
  const next = new URLSearchParams();
  if (status !== "all") next.set("status", status);
  if (query.q) next.set("q", query.q);
  if (page > 1) next.set("page", String(page));
  const s = next.toString();
  return s ? `/invitations?${s}` : "/invitations";
}

export async function InvitationStatusTabs(props: {
  query: ListInvitationsQuery;
  counts: InvitationPage["counts"];
}) {
  const t = await getTranslations("invitations");
  return (
    <nav aria-label={t("page.filterByStatus")} className="mb-4 border-b border-slate-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {TABS.map((tab) => (
          <li key={tab}>
            <StatusTabLink
              label={tab === "all" ? t("page.all") : t(`status.${tab}`)}
              count={props.counts[tab]}
              href={invitationsHref(props.query, 1, tab)}
              active={props.query.status === tab}
            />
          </li>
        ))}
      </ul>
    </nav>
  );
}

function StatusTabLink(props: { label: string; count: number; href: string; active: boolean }) {
  const { active } = props;
  return (
    <Link
      href={props.href}
      aria-current={active ? "page" : undefined}
      className={`inline-flex items-center gap-1.5 border-b-2 px-1 pb-2 text-sm font-medium whitespace-nowrap ${
        active
          ? "border-brand-600 text-brand-700"
          : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
      }`}
    >
      {props.label}
      <span
        className={`rounded-full px-1.5 text-xs ${active ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"}`}
      >
        {props.count}
      </span>
    </Link>
  );
}

export function InvitationSearchForm({ query }: { query: ListInvitationsQuery }) {
  return (
    <SearchForm
      action="/invitations"
      messages="invitations.page"
      fieldId="invitation-search"
      q={query.q}
      hidden={{ status: query.status !== "all" ? query.status : undefined }}
    />
  );
}
