// "Recent changes" on an object's page: its latest audit entries, or a sentence when there are none.
import { useTranslations } from "next-intl";

import { AuditTable } from "@/lib/audit/components/audit-table";
import type { AuditEntryView } from "@/lib/audit/queries";
import { Card } from "@/lib/ui/components";

export function RecentChanges({ entries, emptyText }: { entries: AuditEntryView[]; emptyText: string }) {
  const t = useTranslations("audit.recent");
  return (
    <section aria-labelledby="history-title" className="mt-6">
      <h2 id="history-title" className="mb-2 text-sm font-semibold text-slate-900">
        {t("title")}
      </h2>
      <Card>
        {entries.length ? (
          <AuditTable entries={entries} />
        ) : (
          <p className="px-4 py-6 text-sm text-slate-500">{emptyText}</p>
        )}
      </Card>
    </section>
  );
}
