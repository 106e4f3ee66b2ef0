"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { FormAlert } from "@/lib/ui/components";

import { stepBody } from "./provisioning-flow-steps";
import {
  STEPS,
  useProvisioningFlow,
  type ProvisioningFlowState,
  type StepKey,
  type StepStatus,
} from "./use-provisioning-flow";

// Symbols, the same in every language.
const DONE_MARK = "✓";
const FAILED_MARK = "!";

function StatusIcon({ status, index }: { status: StepStatus; index: number }) {
  const base = "flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold";
  if (status === "done")
    return (
      <span className={`${base} bg-emerald-600 text-white`} aria-hidden>
        {DONE_MARK}
      </span>
    );
  if (status === "failed")
    return (
      <span className={`${base} bg-red-600 text-white`} aria-hidden>
        {FAILED_MARK}
      </span>
    );
  if (status === "current")
    return (
      <span className={`${base} bg-brand-600 text-white`} aria-hidden>
        {index + 1}
      </span>
    );
  return (
    <span className={`${base} bg-slate-100 text-slate-500 ring-1 ring-slate-200`} aria-hidden>
      {index + 1}
    </span>
  );
}

export function ProvisioningFlow() {
  const t = useTranslations("organizations.flow");
  const flow = useProvisioningFlow();
  return (
    <ol className="space-y-4" aria-label={t("aria")}>
      {STEPS.map((step, index) => (
        <FlowStep key={step} step={step} index={index} flow={flow} />
      ))}
      {flow.status.delete === "done" || flow.status.import === "done" ? (
        <li className="text-sm">
          <Link href="/organizations" className="font-medium text-brand-700 hover:underline">
            {t("backToOrganizations")}
          </Link>
        </li>
      ) : null}
    </ol>
  );
}

/** One step: its number or mark, title, status and hint, its error with advice, and its body. */
function FlowStep({ step, index, flow }: { step: StepKey; index: number; flow: ProvisioningFlowState }) {
  const t = useTranslations("organizations.flow");
  const s = flow.status[step];
  const error = flow.errors[step];
  const body = stepBody(step, flow);
  return (
    <li
      data-testid={`step-${step}`}
      data-status={s}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex items-start gap-3">
        <StatusIcon status={s} index={index} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <h2 className="text-base font-semibold text-slate-900">{t(`steps.${step}.title`)}</h2>
            <span className="text-xs font-medium text-slate-500">{t(`status.${s}`)}</span>
          </div>
          <p className="mt-0.5 text-xs text-slate-500">{t(`steps.${step}.hint`)}</p>
          {error ? (
            <div className="mt-3 space-y-1">
              <FormAlert message={error} />
              {step !== "create" ? (
                <p className="text-sm text-slate-600">{t("whatToDo", { advice: t(`advice.${step}`) })}</p>
              ) : null}
            </div>
          ) : null}
          {body ? <div className="mt-4">{body}</div> : null}
        </div>
      </div>
    </li>
  );
}
