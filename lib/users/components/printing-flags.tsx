"use client";

// A user's printing settings on the printing host (docs/ezeep.md, printing users), as switches.
// ezeep accepts `pull_printing_enabled` but never reports it back: that setting shows "not
// reported by ezeep" with explicit On / Off choices instead of a switch that would guess.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { FormAlert } from "@/lib/ui/components";
import { setPrintingFlagsAction } from "@/lib/users/actions";
import { PRINTING_FLAG_LABELS, PRINTING_FLAGS, type PrintingFlag } from "@/lib/users/constants";

const SWITCH_BASE =
  "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed";
const CHOICE =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60";

export function PrintingFlags(props: {
  userId: string;
  flags: Record<PrintingFlag, boolean>;
  unreported?: PrintingFlag[];
  canWrite: boolean;
}) {
  const router = useRouter();
  const [flags, setFlags] = useState(props.flags);
  const [busy, setBusy] = useState<PrintingFlag | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Partial<Record<PrintingFlag, boolean>>>({});
  const [, startTransition] = useTransition();
  const unreported = new Set(props.unreported ?? []);

  const send = (flag: PrintingFlag, value: boolean) => {
    setBusy(flag);
    setError(null);
    startTransition(async () => {
      const result = await setPrintingFlagsAction({ id: props.userId, [flag]: value });
      setBusy(null);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      if (result.data.printing) setFlags(result.data.printing);
      if (unreported.has(flag)) setSent((s) => ({ ...s, [flag]: value }));
      router.refresh();
    });
  };

  return (
    <div>
      <FormAlert message={error} />
      <ul className="divide-y divide-slate-100">
        {PRINTING_FLAGS.map((flag) => {
          const id = `flag-${flag}`;
          return (
            <li key={flag} className="flex items-center justify-between gap-4 py-3">
              <div className="min-w-0">
                <p id={id} className="text-sm font-medium text-slate-900">
                  {PRINTING_FLAG_LABELS[flag].label}
                </p>
                <p className="text-xs text-slate-500">{PRINTING_FLAG_LABELS[flag].hint}</p>
              </div>
              {unreported.has(flag) ? (
                <UnreportedChoice
                  labelledBy={id}
                  sent={sent[flag]}
                  disabled={!props.canWrite || busy !== null}
                  onChoose={(value) => send(flag, value)}
                />
              ) : (
                <Switch
                  labelledBy={id}
                  on={flags[flag]}
                  busy={busy === flag}
                  canWrite={props.canWrite}
                  disabled={!props.canWrite || busy !== null}
                  onToggle={() => send(flag, !flags[flag])}
                />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Switch(props: {
  labelledBy: string;
  on: boolean;
  busy: boolean;
  canWrite: boolean;
  disabled: boolean;
  onToggle: () => void;
}) {
  const tone = props.on ? "bg-brand-600" : "bg-slate-300";
  const dim = `${props.busy ? "opacity-60" : ""} ${props.canWrite ? "" : "opacity-70"}`;
  return (
    <button
      type="button"
      role="switch"
      aria-checked={props.on}
      aria-labelledby={props.labelledBy}
      disabled={props.disabled}
      onClick={props.onToggle}
      className={`${SWITCH_BASE} ${tone} ${dim}`}
    >
      <span
        className={`inline-block h-5 w-5 transform rounded-full bg-white shadow transition-transform ${props.on ? "translate-x-5" : "translate-x-0.5"}`}
      />
      <span className="sr-only">{props.on ? "On" : "Off"}</span>
    </button>
  );
}

/** ezeep does not say whether it is on: the admin chooses explicitly; the last value sent is shown. */
function UnreportedChoice(props: {
  labelledBy: string;
  sent: boolean | undefined;
  disabled: boolean;
  onChoose: (value: boolean) => void;
}) {
  const note = props.sent === undefined ? "not reported by ezeep" : `sent: ${props.sent ? "on" : "off"}`;
  return (
    <div className="flex shrink-0 flex-col items-end gap-1" role="group" aria-labelledby={props.labelledBy}>
      <span className="text-xs text-slate-500" data-testid="flag-not-reported">
        {note}
      </span>
      <div className="flex gap-1.5">
        <button
          type="button"
          className={CHOICE}
          disabled={props.disabled}
          onClick={() => props.onChoose(true)}
        >
          Turn on
        </button>
        <button
          type="button"
          className={CHOICE}
          disabled={props.disabled}
          onClick={() => props.onChoose(false)}
        >
          Turn off
        </button>
      </div>
    </div>
  );
}
