// A readable list of audit entries: when, who, what, target, outcome and ezeep's answer. Each
// entry links to its detail page (/audit/<id>) with the full before/after diff.
import Link from "next/link";

import { ActorBadge, OutcomeBadge } from "@/lib/audit/components/badges";
import type { AuditEntryView } from "@/lib/audit/queries";
import type { Settlement } from "@/lib/audit/settlements";
import { formatDateTime } from "@/lib/ui/components";

export function outcomeBadge(outcome: string, settledBy?: Settlement | null) {
  return <OutcomeBadge outcome={outcome} settledBy={settledBy} />;
}

function describeChange(entry: AuditEntryView): string | null {
  const before = entry.before as Record<string, unknown> | null;
  const after = entry.after as Record<string, unknown> | null;
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return null;
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0) return null;
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  };
  return changed.map((k) => `${k}: “${show(before[k])}” → “${show(after[k])}”`).join("; ");
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="audit-entries">
      {entries.map((entry) => {
        const change = describeChange(entry);
        return (
          <li
            key={entry.id}
            className="group relative flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-start sm:gap-4"
            data-testid="audit-entry"
          >
            <div className="w-44 shrink-0 text-xs text-slate-500">
              <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
            </div>
            <div className="min-w-0 flex-1 text-sm">
              <p className="text-slate-900">
                <span className="font-medium break-all">{entry.actorLabel}</span>{" "}
                <Link
                  href={`/audit/${entry.id}`}
                  className="after:absolute after:inset-0 focus:outline-none"
                  aria-label={`Entry ${entry.id}: ${entry.action}`}
                >
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {entry.action}
                  </code>
                </Link>{" "}
                {entry.targetLabel ? (
                  <span className="font-medium break-words">{entry.targetLabel}</span>
                ) : null}
                {entry.actorType !== "admin" ? (
                  <span className="ml-1.5 inline-block align-middle">
                    <ActorBadge type={entry.actorType} />
                  </span>
                ) : null}
              </p>
              {change ? <p className="mt-0.5 break-words text-slate-600">{change}</p> : null}
              {entry.error ? (
                <p className="mt-0.5 break-words text-red-700">
                  {entry.ezeepStatus ? `ezeep ${entry.ezeepStatus}: ` : ""}
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
