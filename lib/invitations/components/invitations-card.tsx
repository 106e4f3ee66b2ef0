// Overview card: pending invitations by age, expired ones needing action, accepted this week.
// Reads the portal's database only (the follow-up keeps it in step with ezeep).
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import type { OrgContext } from "@/lib/auth/context";
import { summarizeInvitations } from "@/lib/invitations/service";
import { relativeTimeText } from "@/lib/invitations/time-text";
import { cardClass } from "@/lib/ui/styles";

type InvitationSummary = Awaited<ReturnType<typeof summarizeInvitations>>;

export async function InvitationsCard({ ctx, now = new Date() }: { ctx: OrgContext; now?: Date }) {
  let summary: InvitationSummary;
  try {
    summary = await summarizeInvitations(ctx, now);
  } catch {
    return null;
  }
  const t = await getTranslations("invitations");
  return (
    <section
      aria-labelledby="invitations-card-title"
      className={`${cardClass} mb-8`}
      data-testid="invitations-card"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id="invitations-card-title" className="text-sm font-semibold text-slate-900">
          {t("card.title")}
        </h2>
        <Link href="/invitations" className="text-sm font-medium text-brand-700 hover:underline">
          {t("card.open")}
        </Link>
      </div>
      <div className="grid gap-5 p-5 sm:grid-cols-3">
        <PendingColumn summary={summary} />
        <ExpiredColumn expired={summary.expired} />
        <AcceptedColumn summary={summary} now={now} />
      </div>
    </section>
  );
}

/** The pending count, and a bar per age bucket scaled to the largest bucket. */
async function PendingColumn({ summary }: { summary: InvitationSummary }) {
  const t = await getTranslations("invitations");
  const max = Math.max(1, ...summary.pendingByAge.map((b) => b.count));
  return (
    <div>
      <Link href="/invitations?status=pending" className="group block">
        <p className="text-sm text-slate-600 group-hover:text-brand-700">{t("card.pending")}</p>
        <p className="mt-1 text-3xl font-semibold tracking-tight">{summary.pending}</p>
      </Link>
      <ul className="mt-3 space-y-1.5" aria-label={t("card.pendingByAge")}>
        {summary.pendingByAge.map((b) => (
          <li
            key={b.age}
            className="grid grid-cols-[5.5rem_1fr_2rem] items-center gap-2 text-xs text-slate-600"
          >
            <span>{t(`card.age.${b.age}`)}</span>
            <span className="h-1.5 rounded-full bg-slate-100">
              <span
                className="block h-1.5 rounded-full bg-amber-400"
                style={{ width: `${(b.count / max) * 100}%` }}
              />
            </span>
            <span className="text-right font-medium text-slate-800">{b.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

async function ExpiredColumn({ expired }: { expired: number }) {
  const t = await getTranslations("invitations");
  return (
    <Link href="/invitations?status=expired" className="group block sm:border-l sm:border-slate-100 sm:pl-5">
      <p className="text-sm text-slate-600 group-hover:text-brand-700">{t("card.expired")}</p>
      <p className={`mt-1 text-3xl font-semibold tracking-tight ${expired ? "text-red-700" : ""}`}>
        {expired}
      </p>
      <p className="mt-2 text-xs text-slate-500">
        {expired ? t("card.expiredAction") : t("card.nothingToDo")}
      </p>
    </Link>
  );
}

/** Accepted this week, and when the portal last checked ezeep for acceptances. */
async function AcceptedColumn({ summary, now }: { summary: InvitationSummary; now: Date }) {
  const [t, relativeTime] = await Promise.all([getTranslations("invitations"), relativeTimeText()]);
  return (
    <Link href="/invitations?status=accepted" className="group block sm:border-l sm:border-slate-100 sm:pl-5">
      <p className="text-sm text-slate-600 group-hover:text-brand-700">{t("card.acceptedThisWeek")}</p>
      <p className="mt-1 text-3xl font-semibold tracking-tight text-emerald-700">
        {summary.acceptedThisWeek}
      </p>
      <p className="mt-2 text-xs text-slate-500">
        {summary.lastSyncAt
          ? t("card.checked", { time: relativeTime(summary.lastSyncAt, now) })
          : t("card.notChecked")}
      </p>
    </Link>
  );
}
