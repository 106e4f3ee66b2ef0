"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { completeSetupAction } from "@/lib/setup/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";

type FieldErrors = Record<string, string[]>;

function Field(props: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  errors: FieldErrors;
}) {
  const error = props.errors[props.name]?.[0];
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
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.name}-error` : undefined}
        className={inputClass}
      />
      {props.hint && !error ? <p className="text-xs text-slate-500">{props.hint}</p> : null}
      {error ? (
        <p id={`${props.name}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SetupForm(props: { environmentClient: boolean; minPasswordLength: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  return (
    <form
      className={`${cardClass} space-y-4 p-6`}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
        setPending(true);
        setError(null);
        const result = await completeSetupAction(input);
        if (!result.ok) {
          setPending(false);
          setError(result.error);
          setFieldErrors(result.fieldErrors ?? {});
          return;
        }
        // Sign the new owner in; without an organization yet they continue to ezeep's sign-in.
        await signIn("credentials", { email: input.email, password: input.password, redirect: false });
        if (!result.data.organization) {
          // A full navigation: /setup/connect is a route handler that redirects to ezeep.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          window.location.assign("/setup/connect");
          return;
        }
        router.replace("/");
        router.refresh();
      }}
    >
      <FormAlert message={error} />
      <Field
        name="code"
        label="Setup code"
        autoComplete="one-time-code"
        hint="Printed in the server log when the portal started (“Open …/setup and enter the setup code …”)."
        errors={fieldErrors}
      />
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="pt-1 text-sm font-semibold text-slate-900">First owner</legend>
        <Field name="name" label="Name" autoComplete="name" errors={fieldErrors} />
        <Field name="email" label="Email" type="email" autoComplete="username" errors={fieldErrors} />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${props.minPasswordLength} characters.`}
          errors={fieldErrors}
        />
      </fieldset>
      <fieldset className="space-y-2 border-t border-slate-200 pt-4">
        <legend className="pt-1 text-sm font-semibold text-slate-900">Organization</legend>
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
            The organization of the server’s ezeep client
            <span className="block text-xs text-slate-500">
              {props.environmentClient
                ? "The ezeep client credentials configured on the server."
                : "Not available: no ezeep client credentials are configured on the server."}
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
            Connect with ezeep
            <span className="block text-xs text-slate-500">
              Next, you sign in to ezeep as an admin of your organization.
            </span>
          </span>
        </label>
        {fieldErrors.organization?.[0] ? (
          <p className="text-xs text-red-700">{fieldErrors.organization[0]}</p>
        ) : null}
      </fieldset>
      <button type="submit" disabled={pending} className={`${buttonClass.primary} w-full`}>
        {pending ? "Setting up…" : "Create owner and finish setup"}
      </button>
    </form>
  );
}
