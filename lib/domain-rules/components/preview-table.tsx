// The preview of a rule: which existing users match and which groups each would get.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import type { PreviewStatus, RulePreview } from "@/lib/domain-rules/service";
import { Badge } from "@/lib/ui/components";

const STATUS_TONE: Record<PreviewStatus, "green" | "amber" | "slate"> = {
  will_join: "green",
  not_yet_accepted: "amber",
  joined_too_early: "slate",
  already_in_groups: "slate",
};

export function PreviewTable({ preview }: { preview: RulePreview }) {
  const t = useTranslations("domains.preview");
  const { counts } = preview;
  const figures = {
    matched: preview.matched,
    pattern: preview.pattern,
    willJoin: counts.will_join,
    already: counts.already_in_groups,
    notAccepted: counts.not_yet_accepted,
    early: counts.joined_too_early,
    strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
    code: (chunks: ReactNode) => <code>{chunks}</code>,
  };
  return (
    <section aria-label={t("label")} className="space-y-3">
      <p className="text-sm text-slate-700" role="status">
        {counts.joined_too_early ? t.rich("summaryEarly", figures) : t.rich("summary", figures)}
      </p>
      {preview.rows.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("user")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("result")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("groupsToAdd")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {preview.rows.map((row) => (
                <tr key={row.userId}>
                  <td className="px-3 py-2">
                    <div className="font-medium text-slate-900">{row.name}</div>
                    <div className="text-xs text-slate-500">{row.email}</div>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS_TONE[row.status]}>{t(`status.${row.status}`)}</Badge>
                  </td>
                  <td className="px-3 py-2 text-slate-700">{row.groupsToAdd.join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.matched > preview.rows.length ? (
        <p className="text-xs text-slate-500">{t("showingFirst", { count: preview.rows.length })}</p>
      ) : null}
    </section>
  );
}
