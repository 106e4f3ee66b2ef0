"use client";

// A user's printing settings on the printing host (docs/ezeep.md, printing users), as switches.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { FormAlert } from "@/lib/ui/components";
import { setPrintingFlagsAction } from "@/lib/users/actions";
import { PRINTING_FLAG_LABELS, PRINTING_FLAGS, type PrintingFlag } from "@/lib/users/constants";

export function PrintingFlags(props: {
  userId: string;
  flags: Record<PrintingFlag, boolean>;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [flags, setFlags] = useState(props.flags);
  const [busy, setBusy] = useState<PrintingFlag | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  return (
    <div>
      <FormAlert message={error} />
      <ul className="divide-y divide-slate-100">
        {PRINTING_FLAGS.map((flag) => {
          const on = flags[flag];
          const id = `flag-${flag}`;
          return (
            <li key={flag} className="flex items-center justify-between gap-4 py-3">
              <div className="min-w-0">
                <p id={id} className="text-sm font-medium text-slate-900">
                  {PRINTING_FLAG_LABELS[flag].label}
                </p>
                <p className="text-xs text-slate-500">{PRINTING_FLAG_LABELS[flag].hint}</p>
              </div>
              <button
                type="button"
                role="switch"
                aria-checked={on}
                aria-labelledby={id}
                disabled={!props.canWrite || busy !== null}
                onClick={() => {
                  setBusy(flag);
                  setError(null);
                  startTransition(async () => {
                    const result = await setPrintingFlagsAction({ id: props.userId, [flag]: !on });
                    setBusy(null);
                    if (!result.ok) {
                      setError(result.error);
                      return;
                    }
                    if (result.data.printing) setFlags(result.data.printing);
                    router.refresh();
                  });
                }}
                className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed ${
                  on ? "bg-brand-600" : "bg-slate-300"
                } ${busy === flag ? "opacity-60" : ""} ${!props.canWrite ? "opacity-70" : ""}`}
              >
                <span
                  className={`inline-block h-5 w-5 transform rounded-full bg-white shadow transition-transform ${on ? "translate-x-5" : "translate-x-0.5"}`}
                />
                <span className="sr-only">{on ? "On" : "Off"}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
