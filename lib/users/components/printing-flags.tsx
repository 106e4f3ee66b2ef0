"use client";

// A user's printing settings on the printing host (docs/ezeep.md, printing users), as switches.
// ezeep accepts `pull_printing_enabled` but never reports it back: that setting shows "not
// reported by ezeep" with explicit On / Off choices instead of a switch that would guess.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { FormAlert } from "@/lib/ui/components";
import { useActionForm } from "@/lib/ui/use-action-form";
import { setPrintingFlagsAction } from "@/lib/users/actions";
import { PRINTING_FLAGS, type PrintingFlag } from "@/lib/users/constants";

/** Each flag's label key (its hint is the same key + "Hint") in the users.flags messages. */
const FLAG_KEYS = {
  local_printing_enabled: "localPrinting",
  self_service_enabled: "selfService",
  myprinters_enabled: "myPrinters",
  pull_printing_enabled: "pullPrinting",
} as const satisfies Record<PrintingFlag, string>;

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
  const [lastFlag, setLastFlag] = useState<PrintingFlag | null>(null);
  const [sent, setSent] = useState<Partial<Record<PrintingFlag, boolean>>>({});
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  const busy = pending ? lastFlag : null;
  const unreported = new Set(props.unreported ?? []);

  const send = (flag: PrintingFlag, value: boolean) => {
    setLastFlag(flag);
    form.run(
      () => setPrintingFlagsAction({ id: props.userId, [flag]: value }),
      (data) => {
        if (data.printing) setFlags(data.printing);
        if (unreported.has(flag)) setSent((s) => ({ ...s, [flag]: value }));
        router.refresh();
      },
    );
  };

  return (
    <div>
      <FormAlert message={error} ref={errorAnchor} />
      <ul className="divide-y divide-slate-100">
        {PRINTING_FLAGS.map((flag) => (
          <FlagRow key={flag} flag={flag}>
            {unreported.has(flag) ? (
              <UnreportedChoice
                labelledBy={`flag-${flag}`}
                sent={sent[flag]}
                disabled={!props.canWrite || busy !== null}
                onChoose={(value) => send(flag, value)}
              />
            ) : (
              <Switch
                labelledBy={`flag-${flag}`}
                on={flags[flag]}
                busy={busy === flag}
                canWrite={props.canWrite}
                disabled={!props.canWrite || busy !== null}
                onToggle={() => send(flag, !flags[flag])}
              />
            )}
          </FlagRow>
        ))}
      </ul>
    </div>
  );
}

/** One setting: its label (`flag-<name>`, which labels the control) and hint, then the control. */
function FlagRow(props: { flag: PrintingFlag; children: React.ReactNode }) {
  const t = useTranslations("users.flags");
  const key = FLAG_KEYS[props.flag];
  return (
    <li className="flex items-center justify-between gap-4 py-3">
      <div className="min-w-0">
        <p id={`flag-${props.flag}`} className="text-sm font-medium text-slate-900">
          {t(key)}
        </p>
        <p className="text-xs text-slate-500">{t(`${key}Hint`)}</p>
      </div>
      {props.children}
    </li>
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
  const t = useTranslations("users.flags");
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
      <span className="sr-only">{props.on ? t("on") : t("off")}</span>
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
  const t = useTranslations("users.flags");
  let note = t("notReported");
  if (props.sent !== undefined) note = props.sent ? t("sentOn") : t("sentOff");
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
          {t("turnOn")}
        </button>
        <button
          type="button"
          className={CHOICE}
          disabled={props.disabled}
          onClick={() => props.onChoose(false)}
        >
          {t("turnOff")}
        </button>
      </div>
    </div>
  );
}
