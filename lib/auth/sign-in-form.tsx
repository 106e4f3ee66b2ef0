"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";

// lib/mfa/sign-in.ts: the password was right and the admin has a second factor.
const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";

function messageFor(error: string, askingForCode: boolean): string {
  // next-auth reports a rejected attempt as "CredentialsSignin"; throttling carries our own text.
  if (error === "CredentialsSignin")
    return askingForCode
      ? "That code is not valid. Enter the current code from your app, or a recovery code."
      : "Wrong email or password.";
  return error;
}

function submitLabel(askingForCode: boolean, pending: boolean): string {
  if (askingForCode) return pending ? "Verifying…" : "Verify";
  return pending ? "Signing in…" : "Sign in";
}

/** `callbackUrl` is already checked on the server (lib/auth/callback-url.ts `safeCallbackUrl`). */
export function SignInForm({ callbackUrl = "/" }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Second step: the same credentials call again, with the code (the password is checked again).
  const [askingForCode, setAskingForCode] = useState(false);
  return (
    <form
      className={`${cardClass} space-y-4 p-6`}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setPending(true);
        setError(null);
        const result = await signIn("credentials", {
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          code: askingForCode ? String(form.get("code") ?? "") : "",
          redirect: false,
        });
        setPending(false);
        if (result?.error === SECOND_FACTOR_REQUIRED) {
          setAskingForCode(true);
          return;
        }
        if (!result || result.error) {
          setError(
            messageFor(result?.error ?? "The sign-in service did not answer. Try again.", askingForCode),
          );
          return;
        }
        router.replace(callbackUrl);
        router.refresh();
      }}
    >
      <FormAlert message={error} />
      <div className={askingForCode ? "hidden" : "space-y-4"}>
        <div className="space-y-1.5">
          <label htmlFor="email" className={labelClass}>
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className={inputClass}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="password" className={labelClass}>
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className={inputClass}
          />
        </div>
      </div>
      {askingForCode ? (
        <div className="space-y-1.5">
          <label htmlFor="code" className={labelClass}>
            Authentication code
          </label>
          <p id="code-help" className="text-sm text-slate-600">
            Enter the 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
          <input
            id="code"
            name="code"
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            aria-describedby="code-help"
            required
            autoFocus
            className={`${inputClass} font-mono tracking-widest`}
          />
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={`${buttonClass.primary} w-full`}>
        {submitLabel(askingForCode, pending)}
      </button>
      {askingForCode ? (
        <button
          type="button"
          className={`${buttonClass.secondary} w-full`}
          onClick={() => {
            setAskingForCode(false);
            setError(null);
          }}
        >
          Back
        </button>
      ) : null}
    </form>
  );
}
