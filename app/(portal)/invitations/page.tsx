import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";

import { InvitationList, type InvitationRow } from "@/lib/invitations/components/invitation-list";
import { SyncButton } from "@/lib/invitations/components/sync-button";
import { invitationSettings } from "@/lib/invitations/config";
import { listInvitationsSchema, type InvitationStatus } from "@/lib/invitations/schemas";
import { groupNamesFor, invitationSyncState, listInvitations } from "@/lib/invitations/service";
import { relativeTimeText } from "@/lib/invitations/time-text";
import { Card, EmptyState, formatDateTime, Notice, PageHeader, Pagination } from "@/lib/ui/components";
import { requirePageContext } from "@/lib/ui/page-guard";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitations");
  return { title: t("page.title") };
}

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
  const [t, relativeTime, locale] = await Promise.all([
    getTranslations("invitations"),
    relativeTimeText(),
    getLocale(),
  ]);
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
    sentTitle: formatDateTime(i.sentAt, locale),
    invitedBy: i.invitedBy,
    expires: i.expiresAt ? relativeTime(i.expiresAt, now) : null,
    reminders: i.reminderCount,
    lastReminded: i.lastRemindedAt ? relativeTime(i.lastRemindedAt, now) : null,
    nextReminder:
      i.nextReminderAt && i.expiresAt && i.nextReminderAt < i.expiresAt
        ? nextReminderText(i.nextReminderAt, now, relativeTime, t("time.due"))
        : null,
    groups: i.intendedGroupIds.map((id) => groupLabel(id, names, t("page.deletedGroup"))),
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
      ? t("page.schedule", {
          days: new Intl.ListFormat(locale, { type: "conjunction" }).format(
            settings.reminderDays.slice(0, settings.maxReminders).map(String),
          ),
          max: settings.maxReminders,
        })
      : t("page.noReminders");
  const interval =
    settings.syncIntervalMs >= 60_000
      ? t("page.everyMinutes", { count: Math.round(settings.syncIntervalMs / 60_000) })
      : t("page.everySeconds", { count: Math.round(settings.syncIntervalMs / 1000) });

  return (
    <>
      <PageHeader
        title={t("page.title")}
        description={t("page.description", {
          organization: ctx.current.organization.name,
          interval,
          schedule,
        })}
        actions={
          canWrite ? (
            <>
              <SyncButton />
              <Link href="/invitations/new" className={`${buttonClass.primary} self-start`}>
                {t("page.invite")}
              </Link>
            </>
          ) : null
        }
      />
      {state?.lastError ? (
        <Notice tone="error">
          {t("page.lastCheckFailed", {
            when: state.lastRunAt ? ` (${relativeTime(state.lastRunAt, now)})` : "",
            error: state.lastError,
          })}
        </Notice>
      ) : null}

      <nav aria-label={t("page.filterByStatus")} className="mb-4 border-b border-slate-200">
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
                  {tab === "all" ? t("page.all") : t(`status.${tab}`)}
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
          {t("page.searchLabel")}
        </label>
        <input
          id="invitation-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder={t("page.searchPlaceholder")}
          className={inputClass}
        />
        <button type="submit" className={buttonClass.secondary}>
          {t("page.search")}
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
            noun={t("page.pagination")}
            hrefFor={(p) => hrefFor(p)}
          />
        </Card>
      )}
      <p className="mt-3 text-xs text-slate-500">
        {state?.lastSuccessAt
          ? t("page.lastChecked", { time: relativeTime(state.lastSuccessAt, now) })
          : t("page.notChecked")}{" "}
        {t("page.cooldown", { count: Math.round(settings.resendCooldownMs / 60_000) })}
      </p>
    </>
  );
}

/** The empty list: nothing matches the filter, or nothing was invited yet. */
async function NoInvitations({ filtered, canWrite }: { filtered: boolean; canWrite: boolean }) {
  const t = await getTranslations("invitations");
  if (filtered)
    return (
      <EmptyState title={t("page.noMatchTitle")}>
        {t("page.noMatch")}{" "}
        <Link className="font-medium text-brand-700 hover:underline" href="/invitations">
          {t("page.showAll")}
        </Link>
      </EmptyState>
    );
  return (
    <EmptyState
      title={t("page.emptyTitle")}
      action={
        canWrite ? (
          <Link href="/invitations/new" className={buttonClass.primary}>
            {t("page.emptyAction")}
          </Link>
        ) : null
      }
    >
      {canWrite ? t("page.emptyWithSync") : t("page.empty")}
    </EmptyState>
  );
}

/** An intended group's name; "deleted group" once ezeep no longer has it. */
function groupLabel(id: string, names: Map<string, string> | null, deleted: string): string {
  if (!names) return id.slice(0, 8);
  return names.get(id) ?? deleted;
}

/** When the next reminder goes out; "due now" once its time has passed. */
function nextReminderText(
  at: Date,
  now: Date,
  relativeTime: (date: Date, now: Date) => string,
  due: string,
): string {
  return at <= now ? due : relativeTime(at, now);
}
