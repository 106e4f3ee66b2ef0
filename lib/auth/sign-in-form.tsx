"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";

function messageFor(error: string): string {
  // next-auth reports a rejected password as "CredentialsSignin"; throttling carries our own text.
  if (error === "CredentialsSignin") return "Wrong email or password.";
  return error;
}

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
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
          redirect: false,
        });
        setPending(false);
        if (!result || result.error) {
          setError(messageFor(result?.error ?? "The sign-in service did not answer. Try again."));
          return;
        }
        router.replace("/");
        router.refresh();
      }}
    >
      <FormAlert message={error} />
      <div className="space-y-1.5">
        <label htmlFor="email" className={labelClass}>
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
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
      <button type="submit" disabled={pending} className={`${buttonClass.primary} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
