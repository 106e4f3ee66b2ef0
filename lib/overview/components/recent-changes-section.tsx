// The overview's latest audit entries, with a link to the whole audit log.
import { useTranslations } from "next-intl";
import Link from "next/link";

import { AuditTable } from "@/lib/audit/components/audit-table";
import type { AuditEntryView } from "@/lib/audit/queries";
import { Card } from "@/lib/ui/components";

export function RecentChangesSection({ entries }: { entries: AuditEntryView[] }) {
  const t = useTranslations("overview");
  return (
    <section aria-labelledby="recent-title">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="recent-title" className="text-sm font-semibold text-slate-900">
          {t("recent.title")}
        </h2>
        <Link href="/audit" className="text-sm font-medium text-brand-700 hover:underline">
          {t("recent.openAudit")}
        </Link>
      </div>
      <Card>
        {entries.length ? (
          <AuditTable entries={entries} />
        ) : (
          <p className="px-4 py-6 text-sm text-slate-500">{t("recent.empty")}</p>
        )}
      </Card>
    </section>
  );
}
