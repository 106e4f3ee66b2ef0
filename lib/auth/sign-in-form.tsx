"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import type { ActionResult } from "@/lib/auth/action";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

// lib/mfa/sign-in.ts: the password was right and the admin has a second factor.
const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";

type Outcome = "signedIn" | "askForCode";

type SignInTranslator = ReturnType<typeof useTranslations<"auth.signIn">>;

/**
 * next-auth's credentials call as an action result; throttling carries the server's own text.
 * On the second step the same call carries the code (the password is checked again).
 */
async function attemptSignIn(
  t: SignInTranslator,
  data: FormData,
  askingForCode: boolean,
): Promise<ActionResult<Outcome>> {
  const result = await signIn("credentials", {
    email: String(data.get("email") ?? ""),
    password: String(data.get("password") ?? ""),
    code: askingForCode ? String(data.get("code") ?? "") : "",
    redirect: false,
  });
  if (result?.error === SECOND_FACTOR_REQUIRED) return { ok: true, data: "askForCode" };
  if (!result) return { ok: false, error: t("noAnswer") };
  // next-auth reports a rejected attempt as "CredentialsSignin".
  if (result.error === "CredentialsSignin")
    return { ok: false, error: askingForCode ? t("invalidCode") : t("wrongCredentials") };
  if (result.error) return { ok: false, error: result.error };
  return { ok: true, data: "signedIn" };
}

/** Email and password; kept in the form (hidden) while the code is asked for, so both are resent. */
function CredentialFields({ hidden }: { hidden: boolean }) {
  const t = useTranslations("auth.signIn");
  return (
    <div className={hidden ? "hidden" : "space-y-4"}>
      <div className="space-y-1.5">
        <label htmlFor="email" className={labelClass}>
          {t("email")}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className={labelClass}>
          {t("password")}
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
  );
}

/** The second factor: a code from the authenticator app (or a recovery code). */
function CodeField() {
  const t = useTranslations("auth.signIn");
  return (
    <div className="space-y-1.5">
      <label htmlFor="code" className={labelClass}>
        {t("code")}
      </label>
      <p id="code-help" className="text-sm text-slate-600">
        {t("codeHelp")}
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
  );
}

/** `callbackUrl` is already checked on the server (lib/auth/callback-url.ts `safeCallbackUrl`). */
export function SignInForm({ callbackUrl = "/" }: { callbackUrl?: string }) {
  const t = useTranslations("auth.signIn");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  // Second step: the same credentials call again, with the code (the password is checked again).
  const [askingForCode, setAskingForCode] = useState(false);

  function submitLabel(): string {
    if (askingForCode) return pending ? t("verifying") : t("verify");
    return pending ? t("submitting") : t("submit");
  }

  return (
    <form
      className={`${cardClass} space-y-4 p-6`}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        form.run(
          () => attemptSignIn(t, data, askingForCode),
          (outcome) => {
            if (outcome === "askForCode") {
              setAskingForCode(true);
              return;
            }
            router.replace(callbackUrl);
            router.refresh();
          },
        );
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <CredentialFields hidden={askingForCode} />
      {askingForCode ? <CodeField /> : null}
      <button type="submit" disabled={pending} className={`${buttonClass.primary} w-full`}>
        {submitLabel()}
      </button>
      {askingForCode ? (
        <button
          type="button"
          className={`${buttonClass.secondary} w-full`}
          onClick={() => {
            setAskingForCode(false);
            form.reset();
          }}
        >
          {t("back")}
        </button>
      ) : null}
    </form>
  );
}
