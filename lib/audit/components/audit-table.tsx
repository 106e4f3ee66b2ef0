// A readable list of audit entries: when, who, what, target, outcome and ezeep's answer.
import { Badge, formatDateTime } from "@/lib/ui/components";
import type { AuditEntryView } from "@/lib/audit/queries";

const OUTCOME: Record<string, { tone: "green" | "red" | "amber"; label: string }> = {
  success: { tone: "green", label: "Success" },
  failure: { tone: "red", label: "Failed" },
  pending: { tone: "amber", label: "Outcome unknown" },
};

function describeChange(entry: AuditEntryView): string | null {
  const before = entry.before as Record<string, unknown> | null;
  const after = entry.after as Record<string, unknown> | null;
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return null;
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0) return null;
  return changed.map((k) => `${k}: “${String(before[k] ?? "")}” → “${String(after[k] ?? "")}”`).join("; ");
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="audit-entries">
      {entries.map((entry) => {
        const outcome = OUTCOME[entry.outcome] ?? OUTCOME.pending;
        const change = describeChange(entry);
        return (
          <li key={entry.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-start sm:gap-4" data-testid="audit-entry">
            <div className="w-44 shrink-0 text-xs text-slate-500">
              <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
            </div>
            <div className="min-w-0 flex-1 text-sm">
              <p className="text-slate-900">
                <span className="font-medium">{entry.actorLabel}</span>{" "}
                <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{entry.action}</code>{" "}
                {entry.targetLabel ? <span className="font-medium">{entry.targetLabel}</span> : null}
                {entry.actorType !== "admin" ? <span className="ml-1 text-xs text-slate-500">({entry.actorType.replace("_", " ")})</span> : null}
              </p>
              {change ? <p className="mt-0.5 break-words text-slate-600">{change}</p> : null}
              {entry.error ? (
                <p className="mt-0.5 break-words text-red-700">
                  {entry.ezeepStatus ? `ezeep ${entry.ezeepStatus}: ` : ""}
                  {entry.error}
                </p>
              ) : null}
            </div>
            <div className="shrink-0">
              <Badge tone={outcome.tone}>{outcome.label}</Badge>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
