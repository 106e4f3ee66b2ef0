// A readable list of audit entries: when, who, what, target, outcome and ezeep's answer. Each
// entry links to its detail page (/audit/<id>) with the full before/after diff.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { ActorBadge, OutcomeBadge } from "@/lib/audit/components/badges";
import { describeChange } from "@/lib/audit/describe";
import { localActionLabel } from "@/lib/audit/i18n";
import type { AuditEntryView } from "@/lib/audit/queries";
import type { Settlement } from "@/lib/audit/settlements";
import { LocalTime } from "@/lib/ui/local-time";

/** Success, failure, pending, unknown (and how an unknown one was settled), as a badge. */
export function outcomeBadge(outcome: string, settledBy?: Settlement | null) {
  return <OutcomeBadge outcome={outcome} settledBy={settledBy} />;
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  const t = useTranslations("audit");
  return (
    <ul className="divide-y divide-slate-100" data-testid="audit-entries">
      {entries.map((entry) => {
        const change = describeChange(entry, t);
        const label = localActionLabel(t, entry.action);
        return (
          <li
            key={entry.id}
            className="group relative flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-start sm:gap-4"
            data-testid="audit-entry"
          >
            <div className="w-44 shrink-0 text-xs text-slate-500">
              <LocalTime iso={entry.at.toISOString()} />
            </div>
            <div className="min-w-0 flex-1 text-sm">
              <p className="text-slate-900">
                <Link
                  href={`/audit/${entry.id}`}
                  className="font-medium after:absolute after:inset-0 focus:outline-none"
                  aria-label={t("table.entryAria", { id: entry.id, label })}
                  title={entry.action}
                >
                  {label}
                </Link>
                {entry.targetLabel ? <span className="break-words"> · {entry.targetLabel}</span> : null}
                {entry.actorType !== "admin" ? (
                  <span className="ml-1.5 inline-block align-middle">
                    <ActorBadge type={entry.actorType} />
                  </span>
                ) : null}
              </p>
              <p className="mt-0.5 break-words text-slate-600" data-testid="change-sentence">
                {change}{" "}
                <span className="text-slate-500">{t("table.byActor", { actor: entry.actorLabel })}</span>{" "}
                {/* The stored name, for auditors who filter or export by it. */}
                <code className="text-xs text-slate-500">{entry.action}</code>
              </p>
              {entry.error ? (
                <p className="mt-0.5 break-words text-red-700">
                  {entry.ezeepStatus ? `${t("table.ezeepStatus", { status: entry.ezeepStatus })} ` : ""}
                  {entry.error}
                </p>
              ) : null}
            </div>
            <div className="flex shrink-0 items-center gap-2">
              {outcomeBadge(entry.outcome, entry.settledBy)}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
