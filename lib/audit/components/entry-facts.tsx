// The audit entry page's facts card: who, when, from where, what, ezeep's outcome, request id.
import { useTranslations } from "next-intl";

import { isActorType } from "@/lib/audit/components/badges";
import { CompletionNote, EzeepOutcome } from "@/lib/audit/components/entry-outcome";
import { describeChange } from "@/lib/audit/describe";
import type { AuditEntryView } from "@/lib/audit/queries";
import { Card } from "@/lib/ui/components";
import { LocalTime } from "@/lib/ui/local-time";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function WhoField({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit");
  return (
    <Field label={t("entry.who")}>
      <span className="font-medium">{entry.actorLabel}</span>
      <span className="block text-xs text-slate-500">
        {isActorType(entry.actorType) ? t(`actor.${entry.actorType}.kind`) : entry.actorType}
        {entry.actorId ? ` · ${entry.actorId}` : ""}
      </span>
    </Field>
  );
}

function WhenField({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit");
  return (
    <Field label={t("entry.when")}>
      <LocalTime iso={entry.at.toISOString()} />
      <span className="block text-xs text-slate-500">
        <CompletionNote entry={entry} />
      </span>
    </Field>
  );
}

function FromWhereField({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit");
  return (
    <Field label={t("entry.fromWhere")}>
      {entry.ip ?? <span className="text-slate-500">{t("entry.noIp")}</span>}
      {entry.userAgent ? (
        <span className="block text-xs text-slate-500" data-testid="user-agent">
          {entry.userAgent}
        </span>
      ) : null}
    </Field>
  );
}

function WhatField({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit");
  return (
    <Field label={t("entry.what")}>
      <span className="font-medium" data-testid="entry-sentence">
        {describeChange(entry, t)}
      </span>
      <span className="block text-xs text-slate-500">
        {entry.targetType}
        {entry.targetLabel ? ` ${t("entry.quotedTarget", { label: entry.targetLabel })}` : null} ·{" "}
        <code className="text-xs">{entry.action}</code>
      </span>
      {entry.targetId ? (
        <span className="block text-xs break-all text-slate-500">{entry.targetId}</span>
      ) : null}
    </Field>
  );
}

export function EntryFacts({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit");
  return (
    <Card className="p-4 lg:col-span-2">
      <dl className="grid gap-4 sm:grid-cols-2">
        <WhoField entry={entry} />
        <WhenField entry={entry} />
        <FromWhereField entry={entry} />
        <WhatField entry={entry} />
        <Field label={t("entry.ezeepOutcome")}>
          <EzeepOutcome entry={entry} />
        </Field>
        <Field label={t("entry.request")}>
          {entry.requestId ? (
            <code className="text-xs break-all">{entry.requestId}</code>
          ) : (
            <span className="text-slate-500">—</span>
          )}
        </Field>
      </dl>
    </Card>
  );
}
