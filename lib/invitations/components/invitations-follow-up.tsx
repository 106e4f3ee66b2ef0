// What the invitations page says about the follow-up job: the header (how often ezeep is checked,
// the reminder schedule), a notice when the last check failed, and when ezeep was last checked.
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";

import { SyncButton } from "@/lib/invitations/components/sync-button";
import { invitationSettings } from "@/lib/invitations/config";
import type { invitationSyncState } from "@/lib/invitations/service";
import { Notice, PageHeader } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

type SyncState = Awaited<ReturnType<typeof invitationSyncState>>;
type RelativeTime = (date: Date, now: Date) => string;

export async function InvitationsHeader(props: { organizationName: string; canWrite: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("invitations"), getLocale()]);
  const settings = invitationSettings();
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
    <PageHeader
      title={t("page.title")}
      description={t("page.description", { organization: props.organizationName, interval, schedule })}
      actions={
        props.canWrite ? (
          <>
            <SyncButton />
            <Link href="/invitations/new" className={`${buttonClass.primary} self-start`}>
              {t("page.invite")}
            </Link>
          </>
        ) : null
      }
    />
  );
}

export async function LastCheckFailed(props: { state: SyncState; now: Date; relativeTime: RelativeTime }) {
  const { state, now } = props;
  const t = await getTranslations("invitations");
  if (!state?.lastError) return null;
  return (
    <Notice tone="error">
      {t("page.lastCheckFailed", {
        when: state.lastRunAt ? ` (${props.relativeTime(state.lastRunAt, now)})` : "",
        error: state.lastError,
      })}
    </Notice>
  );
}

export async function LastChecked(props: { state: SyncState; now: Date; relativeTime: RelativeTime }) {
  const { state, now } = props;
  const t = await getTranslations("invitations");
  const settings = invitationSettings();
  return (
    <p className="mt-3 text-xs text-slate-500">
      {state?.lastSuccessAt
        ? t("page.lastChecked", { time: props.relativeTime(state.lastSuccessAt, now) })
        : t("page.notChecked")}{" "}
      {t("page.cooldown", { count: Math.round(settings.resendCooldownMs / 60_000) })}
    </p>
  );
}
