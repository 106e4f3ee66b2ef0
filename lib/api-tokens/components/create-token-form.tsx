"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { createApiTokenAction } from "@/lib/api-tokens/actions";
import { API_TOKEN_NAME_MAX } from "@/lib/api-tokens/constants";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";

export function CreateTokenForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);

  return (
    <div className="space-y-4">
      <form
        noValidate
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          startTransition(async () => {
            const result = await createApiTokenAction({ name });
            if (!result.ok) {
              setError(result.error);
              setFieldError(result.fieldErrors?.name?.[0] ?? null);
              return;
            }
            setError(null);
            setFieldError(null);
            setCopied(false);
            setCreated({ name: result.data.name, token: result.data.token });
            form.reset();
            router.refresh();
          });
        }}
      >
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor="token-name" className={labelClass}>
            New token name
          </label>
          <input
            id="token-name"
            name="name"
            placeholder="e.g. NDD Orbix sync"
            maxLength={API_TOKEN_NAME_MAX + 20}
            aria-invalid={Boolean(fieldError)}
            aria-describedby={fieldError ? "token-name-error" : undefined}
            className={inputClass}
          />
        </div>
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      {fieldError ? (
        <p id="token-name-error" className="text-sm text-red-700">
          {fieldError}
        </p>
      ) : (
        <FormAlert message={error} />
      )}
      {created ? (
        <div
          role="status"
          className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
        >
          <p className="font-semibold">
            Token “{created.name}” was created. Copy it now: it is shown only once.
          </p>
          <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              data-testid="new-token"
              className="min-w-0 flex-1 rounded-md bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-emerald-200"
            >
              {created.token}
            </code>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(created.token);
                  setCopied(true);
                } catch {
                  setCopied(false);
                }
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
