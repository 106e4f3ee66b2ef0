"use client";

// "Sign in with <provider>" on the sign-in page, and the reason when SSO sent the person back.
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function SsoSignIn(props: {
  name: string;
  error: string | null;
  passwordSignIn: boolean;
  /** Already checked on the server (lib/auth/callback-url.ts). */
  callbackUrl?: string;
}) {
  const t = useTranslations("auth.sso");
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-3">
      <FormAlert message={props.error} />
      <button
        type="button"
        className={`${props.passwordSignIn ? buttonClass.secondary : buttonClass.primary} w-full`}
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn("oidc", { callbackUrl: props.callbackUrl ?? "/" });
        }}
      >
        {pending ? t("redirecting") : t("signInWith", { name: props.name })}
      </button>
      {props.passwordSignIn ? (
        <p className="text-center text-xs tracking-wide text-slate-500 uppercase" aria-hidden>
          {t("or")}
        </p>
      ) : null}
    </div>
  );
}
