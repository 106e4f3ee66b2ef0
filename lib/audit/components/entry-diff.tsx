import { useTranslations } from "next-intl";

import { diffValues, type DiffRow } from "@/lib/audit/diff";

const ROW_CLASS: Record<DiffRow["kind"], string> = {
  changed: "bg-amber-50/60",
  added: "bg-emerald-50/60",
  removed: "bg-red-50/60",
  unchanged: "",
};

function Value({ text, tone }: { text: string | null; tone: "old" | "new" }) {
  if (text === null) return <span className="text-slate-500">—</span>;
  return (
    <span
      className={`break-words whitespace-pre-wrap ${tone === "old" ? "text-slate-700" : "text-slate-900"}`}
    >
      {text}
    </span>
  );
}

export function EntryDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useTranslations("audit.diff");
  const rows = diffValues(before, after);
  if (rows.length === 0) return <p className="px-4 py-6 text-sm text-slate-600">{t("noValues")}</p>;
  const changed = rows.filter((r) => r.kind !== "unchanged");
  const ordered = [...changed, ...rows.filter((r) => r.kind === "unchanged")];
  return (
    <div data-testid="entry-diff">
      <p className="px-4 pt-3 text-xs text-slate-500">
        {changed.length === 0 ? t("noneChanged") : t("changedCount", { count: changed.length })}
      </p>
      <table className="mt-2 w-full table-fixed text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <th className="w-[30%] px-3 py-2 sm:w-1/4 sm:px-4">{t("field")}</th>
            <th className="px-3 py-2 sm:px-4">{t("before")}</th>
            <th className="px-3 py-2 sm:px-4">{t("after")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {ordered.map((r) => (
            <tr key={r.path} className={ROW_CLASS[r.kind]} data-testid="diff-row" data-kind={r.kind}>
              <td className="px-3 py-2 align-top sm:px-4">
                <code className="text-xs [overflow-wrap:anywhere] break-words text-slate-800">{r.path}</code>
                {r.kind !== "unchanged" ? (
                  <span className="mt-0.5 block text-xs text-slate-500">{t(r.kind)}</span>
                ) : null}
              </td>
              <td className="px-3 py-2 align-top sm:px-4">
                {r.kind === "changed" || r.kind === "removed" ? (
                  <del className="decoration-red-400">
                    <Value text={r.before} tone="old" />
                  </del>
                ) : (
                  <Value text={r.before} tone="old" />
                )}
              </td>
              <td className="px-3 py-2 align-top sm:px-4">
                <Value text={r.after} tone="new" />
                {r.addedItems?.length ? (
                  <span className="mt-1 block text-xs text-emerald-700">
                    {t("addedItems", { items: r.addedItems.join(", ") })}
                  </span>
                ) : null}
                {r.removedItems?.length ? (
                  <span className="mt-0.5 block text-xs text-red-700">
                    {t("removedItems", { items: r.removedItems.join(", ") })}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
