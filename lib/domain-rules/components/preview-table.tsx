// The preview of a rule: which existing users match and which groups each would get.
import type { PreviewStatus, RulePreview } from "@/lib/domain-rules/service";
import { Badge } from "@/lib/ui/components";

const STATUS: Record<PreviewStatus, { label: string; tone: "green" | "amber" | "slate" }> = {
  will_join: { label: "Will join", tone: "green" },
  not_yet_accepted: { label: "Joins after accepting", tone: "amber" },
  joined_too_early: { label: "Joined before the date", tone: "slate" },
  already_in_groups: { label: "Already in the groups", tone: "slate" },
};

export function PreviewTable({ preview }: { preview: RulePreview }) {
  const { counts } = preview;
  return (
    <section aria-label="Preview" className="space-y-3">
      <p className="text-sm text-slate-700" role="status">
        <strong>{preview.matched}</strong> existing user{preview.matched === 1 ? "" : "s"} at{" "}
        <code>{preview.pattern}</code>: {counts.will_join} would join groups, {counts.already_in_groups}{" "}
        already are in them, {counts.not_yet_accepted} have not accepted their invitation yet
        {counts.joined_too_early ? `, ${counts.joined_too_early} joined before the date` : ""}.
      </p>
      {preview.rows.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">
                  User
                </th>
                <th scope="col" className="px-3 py-2">
                  Result
                </th>
                <th scope="col" className="px-3 py-2">
                  Groups to add
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
                    <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
                  </td>
                  <td className="px-3 py-2 text-slate-700">{row.groupsToAdd.join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.matched > preview.rows.length ? (
        <p className="text-xs text-slate-500">Showing the first {preview.rows.length} users.</p>
      ) : null}
    </section>
  );
}
