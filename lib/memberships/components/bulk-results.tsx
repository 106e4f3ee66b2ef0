"use client";

// The results panel of a bulk change (one line per user with an outcome badge), shared by the
// group bulk add (bulk-add.tsx) and the users list's bulk remove / resend (lib/users/components/
// user-bulk.tsx). Each caller supplies its own head (title, summary, progress) and line bodies.
import type { ReactNode } from "react";

import { Badge } from "@/lib/ui/components";

type BadgeTone = NonNullable<Parameters<typeof Badge>[0]["tone"]>;

export interface BulkResultLine {
  key: string;
  /** The left cell: who, and what happened to them. */
  body: ReactNode;
  badge: { tone: BadgeTone; label: string };
}

const PANEL = "rounded-xl border border-slate-200 bg-white shadow-sm";

export function BulkResults(props: {
  /** The region's accessible name. */
  label: string;
  testId: string;
  /** Extra classes before the panel's own (e.g. a bottom margin). */
  className?: string;
  head: ReactNode;
  /** The table's screen-reader caption. */
  caption: string;
  lines: BulkResultLine[];
  lineTestId: string;
  /** Shown once the change has finished; without it the panel cannot be dismissed. */
  dismiss?: { label: string; onClose: () => void };
}) {
  return (
    <section
      aria-label={props.label}
      data-testid={props.testId}
      className={props.className ? `${props.className} ${PANEL}` : PANEL}
    >
      {props.head}
      {props.lines.length > 0 ? (
        <BulkResultTable caption={props.caption} lines={props.lines} lineTestId={props.lineTestId} />
      ) : null}
      {props.dismiss ? <DismissBar {...props.dismiss} /> : null}
    </section>
  );
}

function BulkResultTable(props: { caption: string; lines: BulkResultLine[]; lineTestId: string }) {
  return (
    <div className="max-h-72 overflow-y-auto border-t border-slate-100">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{props.caption}</caption>
        <tbody className="divide-y divide-slate-100">
          {props.lines.map((line) => (
            <tr key={line.key} data-testid={props.lineTestId}>
              <td className="min-w-0 px-4 py-2">{line.body}</td>
              <td className="px-4 py-2 text-right align-top whitespace-nowrap">
                <Badge tone={line.badge.tone}>{line.badge.label}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DismissBar(props: { label: string; onClose: () => void }) {
  return (
    <div className="flex justify-end border-t border-slate-100 bg-slate-50 px-4 py-2">
      <button
        type="button"
        onClick={props.onClose}
        className="text-sm font-medium text-brand-700 hover:underline"
      >
        {props.label}
      </button>
    </div>
  );
}
