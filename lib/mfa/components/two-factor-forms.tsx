"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import type { ActionResult } from "@/lib/auth/action";
import {
  confirmTotpEnrolmentAction,
  disableTotpAction,
  setRequireTotpAction,
  startTotpEnrolmentAction,
} from "@/lib/mfa/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

/** A button that runs one action and refreshes the page; its error shows above it. */
function ActionButton(props: {
  label: string;
  pendingLabel?: string;
  className: string;
  action: () => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  return (
    <div className="space-y-2">
      <FormAlert message={error} ref={errorAnchor} />
      <button
        type="button"
        disabled={pending}
        className={props.className}
        onClick={() => form.run(props.action, () => router.refresh())}
      >
        {pending && props.pendingLabel ? props.pendingLabel : props.label}
      </button>
    </div>
  );
}

export function StartEnrolmentButton(props: { label: string }) {
  const t = useTranslations("settings.twoFactor");
  return (
    <ActionButton
      label={props.label}
      pendingLabel={t("preparing")}
      className={buttonClass.primary}
      action={() => startTotpEnrolmentAction({})}
    />
  );
}

/** A 6-digit code field with a submit button. */
function CodeForm<T>(props: {
  id: string;
  label: string;
  submit: string;
  danger?: boolean;
  action: (code: string) => Promise<ActionResult<T>>;
  onSuccess: (data: T) => void;
}) {
  const t = useTranslations("settings.twoFactor");
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const code = String(new FormData(element).get("code") ?? "");
        form.run(
          () => props.action(code),
          (data) => {
            element.reset();
            props.onSuccess(data);
          },
        );
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <label htmlFor={props.id} className={labelClass}>
        {props.label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={props.id}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          placeholder="123456"
          className={`${inputClass} font-mono tracking-widest sm:max-w-40`}
        />
        <button
          type="submit"
          disabled={pending}
          className={props.danger ? buttonClass.danger : buttonClass.primary}
        >
          {pending ? t("checking") : props.submit}
        </button>
      </div>
    </form>
  );
}

export function ConfirmEnrolmentForm() {
  const t = useTranslations("settings.twoFactor");
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <div className="space-y-3" data-testid="recovery-codes">
        <p className="text-sm font-medium text-emerald-800">{t("isOn")}</p>
        <p className="text-sm text-slate-700">{t("saveCodes")}</p>
        <ul className="grid grid-cols-1 gap-1 rounded-lg bg-slate-50 p-3 font-mono text-sm sm:grid-cols-2">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <button type="button" className={buttonClass.secondary} onClick={() => router.refresh()}>
          {t("savedThem")}
        </button>
      </div>
    );
  }
  return (
    <CodeForm
      id="totp-confirm"
      label={t("codeFromApp")}
      submit={t("turnOn")}
      action={(code) => confirmTotpEnrolmentAction({ code })}
      onSuccess={(data) => setCodes(data.recoveryCodes)}
    />
  );
}

export function DisableTwoFactorForm() {
  const t = useTranslations("settings.twoFactor");
  const router = useRouter();
  return (
    <CodeForm
      id="totp-disable"
      label={t("turnOffLabel")}
      submit={t("turnOff")}
      danger
      action={(code) => disableTotpAction({ code })}
      onSuccess={() => router.refresh()}
    />
  );
}

export function RequireTotpToggle(props: { required: boolean }) {
  const t = useTranslations("settings.twoFactor");
  return (
    <ActionButton
      label={props.required ? t("stopRequiring") : t("requireAll")}
      className={props.required ? buttonClass.secondary : buttonClass.primary}
      action={() => setRequireTotpAction({ require: !props.required })}
    />
  );
}
