// The audit entry page's tamper-evidence card: whether the entry's hash matches, and its place
// in the hash chain (or that the entry predates the chain).
import { useTranslations } from "next-intl";

import type { AuditEntryView } from "@/lib/audit/queries";
import { Card } from "@/lib/ui/components";

function ChainLinks({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit.entry");
  return (
    <dl className="mt-3 space-y-2 text-xs">
      <div>
        <dt className="text-slate-500">{t("chainPosition")}</dt>
        <dd className="font-mono">{entry.chainSeq}</dd>
      </div>
      <div>
        <dt className="text-slate-500">{t("hash")}</dt>
        <dd className="font-mono break-all text-slate-800">{entry.hash}</dd>
      </div>
      <div>
        <dt className="text-slate-500">{t("prevHash")}</dt>
        <dd className="font-mono break-all text-slate-800">{entry.prevHash ?? t("firstEntry")}</dd>
      </div>
    </dl>
  );
}

export function EntryIntegrity({ entry }: { entry: AuditEntryView & { hashValid: boolean | null } }) {
  const t = useTranslations("audit.entry");
  return (
    <Card className="p-4">
      <h2 className="text-sm font-semibold text-slate-900">{t("tamper")}</h2>
      {entry.hash ? (
        <>
          <p
            className={`mt-2 text-sm ${entry.hashValid ? "text-emerald-800" : "text-red-700"}`}
            data-testid="entry-integrity"
          >
            {entry.hashValid ? t("hashOk") : t("hashBad")}
          </p>
          <ChainLinks entry={entry} />
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-600">{t("notChained")}</p>
      )}
    </Card>
  );
}
