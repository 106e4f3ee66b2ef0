// Settings → Sessions: the admin's own live sessions (device, IP, last seen), each can be ended.
import { getLocale, getTranslations } from "next-intl/server";

import { EndAllSessionsButton, EndSessionButton } from "@/lib/auth/components/session-buttons";
import { authConfig } from "@/lib/auth/config";
import { listActiveSessions } from "@/lib/auth/sessions";
import { Badge, Card, formatDateTime } from "@/lib/ui/components";

export async function SessionsSection(props: { adminId: string; currentSessionId: string }) {
  const sessions = await listActiveSessions(props.adminId, props.currentSessionId);
  const { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } = authConfig();
  const t = await getTranslations("settings.sessions");
  const locale = await getLocale();
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-4 sm:px-6">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {t("description", { idle: SESSION_IDLE_MINUTES, max: SESSION_MAX_HOURS })}
          </p>
        </div>
        <EndAllSessionsButton />
      </div>
      <ul className="divide-y divide-slate-100">
        {sessions.map((s) => (
          <li
            key={s.id}
            data-testid="session-row"
            className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm sm:px-6"
          >
            <span className="min-w-0 basis-full font-medium text-slate-900 sm:flex-1 sm:basis-0">
              {s.device}
              {s.current ? (
                <span className="ml-2">
                  <Badge tone="green" title={t("thisBrowserTitle")}>
                    {t("thisBrowser")}
                  </Badge>
                </span>
              ) : null}
            </span>
            <span className="font-mono text-xs text-slate-600">{s.ip ?? t("unknownIp")}</span>
            <span className="text-slate-600">
              {t("lastSeen", { date: formatDateTime(s.lastSeenAt, locale) })}
            </span>
            <span className="ml-auto">
              <EndSessionButton session={{ id: s.id, device: s.device, current: s.current }} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
