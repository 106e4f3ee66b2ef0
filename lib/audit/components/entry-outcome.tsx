// What ezeep made of an audit entry's change: accepted, refused (with its status), unknown (and
// which later entry settled it), or the settlement of an earlier unknown entry.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import { settlementKey } from "@/lib/audit/components/badges";
import type { AuditEntryView } from "@/lib/audit/queries";
import type { Settlement } from "@/lib/audit/settlements";
import { formatDateTime } from "@/lib/ui/components";

const entryLink = "font-medium text-brand-700 hover:underline";

/** When the outcome was recorded, or that none was (an entry still pending). */
export function CompletionNote({ entry }: { entry: { completedAt: Date | null; outcome: string } }) {
  const t = useTranslations("audit.entry");
  const locale = useLocale();
  if (entry.completedAt) return <>{t("completed", { time: formatDateTime(entry.completedAt, locale) })}</>;
  return entry.outcome === "pending" ? <>{t("noOutcomeRecorded")}</> : null;
}

/** An "unknown" entry links to the entry that settled it (what reading ezeep back showed). */
function UnknownOutcome({ settledBy }: { settledBy: Settlement | null | undefined }) {
  const t = useTranslations("audit");
  if (!settledBy)
    return (
      <span className="text-violet-800" data-testid="unknown-outcome">
        {t("entry.unknownChecking")}
      </span>
    );
  return (
    <span className="text-violet-800" data-testid="unknown-outcome">
      {t.rich("entry.unknownChecked", {
        result: t(`outcome.${settlementKey(settledBy)}`),
        id: settledBy.id,
        link: (chunks) => (
          <Link href={`/audit/${settledBy.id}`} className={entryLink}>
            {chunks}
          </Link>
        ),
      })}
    </span>
  );
}

/** A settling entry links back to the unknown entry it settles. */
function SettlesOutcome({ entry, reconciles }: { entry: AuditEntryView; reconciles: number }) {
  const t = useTranslations("audit");
  return (
    <span data-testid="settles-entry">
      {t.rich("entry.settles", {
        id: reconciles,
        result: t(`outcome.${settlementKey({ id: entry.id, outcome: entry.outcome })}`),
        link: (chunks) => (
          <Link href={`/audit/${reconciles}`} className={entryLink}>
            {chunks}
          </Link>
        ),
      })}
    </span>
  );
}

export function EzeepOutcome({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit");
  if (entry.outcome === "unknown") return <UnknownOutcome settledBy={entry.settledBy} />;
  if (entry.reconcilesId !== null) return <SettlesOutcome entry={entry} reconciles={entry.reconcilesId} />;
  if (entry.outcome === "success") return <>{t("entry.accepted")}</>;
  if (entry.outcome === "failure")
    return (
      <span className="text-red-700">
        {entry.ezeepStatus ? `HTTP ${entry.ezeepStatus}: ` : ""}
        {entry.error ?? t("entry.failed")}
      </span>
    );
  return <span className="text-amber-800">{t("entry.unknownNoAnswer")}</span>;
}
