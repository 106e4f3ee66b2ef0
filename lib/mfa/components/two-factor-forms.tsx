"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import {
  confirmTotpEnrolmentAction,
  disableTotpAction,
  setRequireTotpAction,
  startTotpEnrolmentAction,
} from "@/lib/mfa/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";

export function StartEnrolmentButton(props: { label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <FormAlert message={error} />
      <button
        type="button"
        disabled={pending}
        className={buttonClass.primary}
        onClick={() =>
          startTransition(async () => {
            const result = await startTotpEnrolmentAction({});
            if (!result.ok) return setError(result.error);
            setError(null);
            router.refresh();
          })
        }
      >
        {pending ? "Preparing…" : props.label}
      </button>
    </div>
  );
}

/** A 6-digit code field with a submit button; `onCode` returns an error message or null. */
function CodeForm(props: {
  id: string;
  label: string;
  submit: string;
  danger?: boolean;
  onCode: (code: string) => Promise<string | null>;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const code = String(new FormData(form).get("code") ?? "");
        startTransition(async () => {
          const message = await props.onCode(code);
          setError(message);
          if (!message) form.reset();
        });
      }}
    >
      <FormAlert message={error} />
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
          {pending ? "Checking…" : props.submit}
        </button>
      </div>
    </form>
  );
}

export function ConfirmEnrolmentForm() {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <div className="space-y-3" data-testid="recovery-codes">
        <p className="text-sm font-medium text-emerald-800">Two-factor sign-in is on.</p>
        <p className="text-sm text-slate-700">
          Save these recovery codes somewhere safe. Each works once, instead of a code from the app, if you
          lose your phone. They are shown only now.
        </p>
        <ul className="grid grid-cols-1 gap-1 rounded-lg bg-slate-50 p-3 font-mono text-sm sm:grid-cols-2">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <button type="button" className={buttonClass.secondary} onClick={() => router.refresh()}>
          I have saved them
        </button>
      </div>
    );
  }
  return (
    <CodeForm
      id="totp-confirm"
      label="Code from the app"
      submit="Turn on"
      onCode={async (code) => {
        const result = await confirmTotpEnrolmentAction({ code });
        if (!result.ok) return result.error;
        setCodes(result.data.recoveryCodes);
        return null;
      }}
    />
  );
}

export function DisableTwoFactorForm() {
  const router = useRouter();
  return (
    <CodeForm
      id="totp-disable"
      label="To turn it off, enter a current code from the app"
      submit="Turn off"
      danger
      onCode={async (code) => {
        const result = await disableTotpAction({ code });
        if (!result.ok) return result.error;
        router.refresh();
        return null;
      }}
    />
  );
}

export function RequireTotpToggle(props: { required: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <FormAlert message={error} />
      <button
        type="button"
        disabled={pending}
        className={props.required ? buttonClass.secondary : buttonClass.primary}
        onClick={() =>
          startTransition(async () => {
            const result = await setRequireTotpAction({ require: !props.required });
            if (!result.ok) return setError(result.error);
            setError(null);
            router.refresh();
          })
        }
      >
        {props.required ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in for every admin"}
      </button>
    </div>
  );
}
