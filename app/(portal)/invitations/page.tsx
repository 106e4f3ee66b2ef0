import type { Metadata } from "next";
import Link from "next/link";

import { InvitationList, type InvitationRow } from "@/lib/invitations/components/invitation-list";
import { STATUS_LABELS } from "@/lib/invitations/components/status-badge";
import { SyncButton } from "@/lib/invitations/components/sync-button";
import { invitationSettings } from "@/lib/invitations/config";
import { plural, relativeTime } from "@/lib/invitations/format";
import { listInvitationsSchema, type InvitationStatus } from "@/lib/invitations/schemas";
import { groupNamesFor, invitationSyncState, listInvitations } from "@/lib/invitations/service";
import { Card, EmptyState, formatDateTime, Notice, PageHeader, Pagination } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Invitations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TABS: ("all" | InvitationStatus)[] = ["all", "pending", "expired", "accepted", "cancelled"];

export default async function InvitationsPage({ searchParams }: { searchParams: SearchParams }) {
  const guard = await requirePageContext("invitations.read", "invitations");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const params = await searchParams;
  const query = listInvitationsSchema.parse({
    status: typeof params.status === "string" ? params.status : undefined,
    q: typeof params.q === "string" ? params.q : undefined,
    page: typeof params.page === "string" ? params.page : undefined,
  });
  const now = new Date();
  const canWrite = ctx.can("invitations.write");
  const settings = invitationSettings();
  const [data, state] = await Promise.all([
    listInvitations(ctx.current, query, now),
    invitationSyncState(ctx.current),
  ]);
  const needsNames = data.items.some((i) => i.intendedGroupIds.length > 0);
  const names = needsNames ? await groupNamesFor(ctx.current) : null;

  const rows: InvitationRow[] = data.items.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    status: i.status,
    origin: i.origin,
    sent: relativeTime(i.sentAt, now),
    sentTitle: formatDateTime(i.sentAt),
    invitedBy: i.invitedBy,
    expires: i.expiresAt ? relativeTime(i.expiresAt, now) : null,
    reminders: i.reminderCount,
    lastReminded: i.lastRemindedAt ? relativeTime(i.lastRemindedAt, now) : null,
    nextReminder:
      i.nextReminderAt && i.expiresAt && i.nextReminderAt < i.expiresAt
        ? relativeTime(i.nextReminderAt, now).replace(/ ago$/, " (due)")
        : null,
    groups: i.intendedGroupIds.map((id) => names?.get(id) ?? (names ? "deleted group" : id.slice(0, 8))),
    groupsApplied: !!i.groupsAppliedAt,
    canResend: i.canResend,
    canAdopt: i.canAdopt,
    cooldown: i.resendAvailableAt ? relativeTime(i.resendAvailableAt, now) : null,
  }));

  const hrefFor = (page: number, status = query.status) => {
    const next = new URLSearchParams();
    if (status !== "all") next.set("status", status);
    if (query.q) next.set("q", query.q);
    if (page > 1) next.set("page", String(page));
    const s = next.toString();
    return s ? `/invitations?${s}` : "/invitations";
  };
  const schedule =
    settings.maxReminders > 0 && settings.reminderDays.length
      ? `reminders after ${settings.reminderDays.slice(0, settings.maxReminders).join(" and ")} days (at most ${settings.maxReminders})`
      : "no automatic reminders";

  return (
    <>
      <PageHeader
        title="Invitations"
        description={
          <>
            Everyone invited to {ctx.current.organization.name}, sent from the portal or found in ezeep. The
            portal checks with ezeep every{" "}
            {settings.syncIntervalMs >= 60_000
              ? plural(Math.round(settings.syncIntervalMs / 60_000), "minute")
              : plural(Math.round(settings.syncIntervalMs / 1000), "second")}
            , sends {schedule}, and adds people to their groups when they accept.
          </>
        }
        actions={
          canWrite ? (
            <>
              <SyncButton />
              <Link href="/invitations/new" className={`${buttonClass.primary} self-start`}>
                Invite people
              </Link>
            </>
          ) : null
        }
      />
      {state?.lastError ? (
        <Notice tone="error">
          The last check with ezeep failed{state.lastRunAt ? ` (${relativeTime(state.lastRunAt, now)})` : ""}:{" "}
          {state.lastError}. The list shows what the portal knew before.
        </Notice>
      ) : null}

      <nav aria-label="Filter by status" className="mb-4 border-b border-slate-200">
        <ul className="-mb-px flex gap-4 overflow-x-auto">
          {TABS.map((tab) => {
            const active = query.status === tab;
            return (
              <li key={tab}>
                <Link
                  href={hrefFor(1, tab)}
                  aria-current={active ? "page" : undefined}
                  className={`inline-flex items-center gap-1.5 border-b-2 px-1 pb-2 text-sm font-medium whitespace-nowrap ${
                    active
                      ? "border-brand-600 text-brand-700"
                      : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                  }`}
                >
                  {tab === "all" ? "All" : STATUS_LABELS[tab]}
                  <span
                    className={`rounded-full px-1.5 text-xs ${active ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"}`}
                  >
                    {data.counts[tab]}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row" action="/invitations">
        {query.status !== "all" ? <input type="hidden" name="status" value={query.status} /> : null}
        <label htmlFor="invitation-search" className="sr-only">
          Search invitations
        </label>
        <input
          id="invitation-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="Search by email address"
          className={inputClass}
        />
        <button type="submit" className={buttonClass.secondary}>
          Search
        </button>
      </form>

      {data.total === 0 ? (
        <NoInvitations filtered={Boolean(query.q) || query.status !== "all"} canWrite={canWrite} />
      ) : (
        <Card className="overflow-hidden">
          <InvitationList rows={rows} canWrite={canWrite} />
          <Pagination
            page={data.page}
            pageCount={data.pageCount}
            total={data.total}
            noun="invitations"
            hrefFor={(p) => hrefFor(p)}
          />
        </Card>
      )}
      <p className="mt-3 text-xs text-slate-500">
        {state?.lastSuccessAt
          ? `Last checked with ezeep ${relativeTime(state.lastSuccessAt, now)}.`
          : "Not checked with ezeep yet."}{" "}
        A resend is possible {plural(Math.round(settings.resendCooldownMs / 60_000), "minute")} after the
        previous send.
      </p>
    </>
  );
}

/** The empty list: nothing matches the filter, or nothing was invited yet. */
function NoInvitations({ filtered, canWrite }: { filtered: boolean; canWrite: boolean }) {
  if (filtered)
    return (
      <EmptyState title="No invitations match">
        Nothing matches this filter.{" "}
        <Link className="font-medium text-brand-700 hover:underline" href="/invitations">
          Show all invitations
        </Link>
      </EmptyState>
    );
  return (
    <EmptyState
      title="No invitations yet"
      action={
        canWrite ? (
          <Link href="/invitations/new" className={buttonClass.primary}>
            Invite the first people
          </Link>
        ) : null
      }
    >
      Invite people by email; the portal follows up until they join
      {canWrite ? ", or press Sync now to load invitations already sent from ezeep" : ""}.
    </EmptyState>
  );
}
