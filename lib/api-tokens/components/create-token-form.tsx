"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { createApiTokenAction } from "@/lib/api-tokens/actions";
import { API_TOKEN_NAME_MAX } from "@/lib/api-tokens/constants";
import { FieldError, FormAlert } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

/** The token just created: shown once, with a copy button. */
function CreatedToken(props: { name: string; token: string }) {
  const t = useTranslations("settings.apiTokens");
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
    >
      <p className="font-semibold">{t("createdNotice", { name: props.name })}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          data-testid="new-token"
          className="min-w-0 flex-1 rounded-md bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-emerald-200"
        >
          {props.token}
        </code>
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(props.token);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
    </div>
  );
}

export function CreateTokenForm() {
  const t = useTranslations("settings.apiTokens");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor, fieldErrors } = form;
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const nameError = fieldErrors.name?.[0];

  return (
    <div className="space-y-4">
      <form
        noValidate
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          const element = event.currentTarget;
          const name = String(new FormData(element).get("name") ?? "");
          form.run(
            () => createApiTokenAction({ name }),
            (data) => {
              // A new key: the copy button starts fresh for each token.
              setCreated({ name: data.name, token: data.token });
              element.reset();
              router.refresh();
            },
          );
        }}
      >
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor="token-name" className={labelClass}>
            {t("newName")}
          </label>
          <input
            id="token-name"
            name="name"
            placeholder={t("namePlaceholder")}
            maxLength={API_TOKEN_NAME_MAX + 20}
            {...form.fieldProps("token-name")}
            {...(nameError ? { "aria-invalid": true, "aria-describedby": "token-name-error" } : {})}
            className={inputClass}
          />
        </div>
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? t("creating") : t("create")}
        </button>
      </form>
      {nameError ? (
        <FieldError name="token-name" messages={fieldErrors.name} />
      ) : (
        <FormAlert message={error} ref={errorAnchor} />
      )}
      {created ? <CreatedToken key={created.token} name={created.name} token={created.token} /> : null}
    </div>
  );
}
