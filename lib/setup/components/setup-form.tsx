"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { completeSetupAction } from "@/lib/setup/actions";
import { FieldError, FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm, type ActionForm } from "@/lib/ui/use-action-form";

function Field(props: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  form: ActionForm;
}) {
  const messages = props.form.fieldErrors[props.name];
  const hintId = `${props.name}-hint`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={props.name} className={labelClass}>
        {props.label}
      </label>
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        required
        {...props.form.fieldProps(props.name, props.hint ? hintId : undefined)}
        className={inputClass}
      />
      {props.hint && !messages?.length ? (
        <p id={hintId} className="text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      <FieldError name={props.name} messages={messages} />
    </div>
  );
}

function OrganizationChoice(props: { environmentClient: boolean; form: ActionForm }) {
  const t = useTranslations("auth.setup");
  return (
    <fieldset className="space-y-2 border-t border-slate-200 pt-4">
      <legend className="pt-1 text-sm font-semibold text-slate-900">{t("organization")}</legend>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          name="organization"
          value="environment"
          defaultChecked={props.environmentClient}
          disabled={!props.environmentClient}
          className="mt-1"
        />
        <span>
          {t("environment")}
          <span className="block text-xs text-slate-500">
            {props.environmentClient ? t("environmentOn") : t("environmentOff")}
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          name="organization"
          value="connect"
          defaultChecked={!props.environmentClient}
          className="mt-1"
        />
        <span>
          {t("connect")}
          <span className="block text-xs text-slate-500">{t("connectHint")}</span>
        </span>
      </label>
      <FieldError name="organization" messages={props.form.fieldErrors.organization} />
    </fieldset>
  );
}

export function SetupForm(props: { environmentClient: boolean; minPasswordLength: number }) {
  const t = useTranslations("auth.setup");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  return (
    <form
      className={`${cardClass} space-y-4 p-6`}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const input = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
        form.run(
          () => completeSetupAction(input),
          async (done) => {
            // Sign the new owner in; without an organization yet they continue to ezeep's sign-in.
            await signIn("credentials", { email: input.email, password: input.password, redirect: false });
            if (!done.organization) {
              // A full navigation: /setup/connect is a route handler that redirects to ezeep.
              // eslint-disable-next-line @next/next/no-location-assign-relative-destination
              window.location.assign("/setup/connect");
              return;
            }
            router.replace("/");
            router.refresh();
          },
        );
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <Field name="code" label={t("code")} autoComplete="one-time-code" hint={t("codeHint")} form={form} />
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="pt-1 text-sm font-semibold text-slate-900">{t("firstOwner")}</legend>
        <Field name="name" label={t("name")} autoComplete="name" form={form} />
        <Field name="email" label={t("email")} type="email" autoComplete="username" form={form} />
        <Field
          name="password"
          label={t("password")}
          type="password"
          autoComplete="new-password"
          hint={t("passwordHint", { min: props.minPasswordLength })}
          form={form}
        />
      </fieldset>
      <OrganizationChoice environmentClient={props.environmentClient} form={form} />
      <button type="submit" disabled={pending} className={`${buttonClass.primary} w-full`}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
