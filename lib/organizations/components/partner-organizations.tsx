"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import {
  createPartnerOrganizationAction,
  deletePartnerOrganizationAction,
} from "@/lib/organizations/actions";
import { FormAlert } from "@/lib/ui/components";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";

function Field(props: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={props.id} className={labelClass}>
        {props.label}
      </label>
      {props.children}
      {props.error ? (
        <p id={`${props.id}-error`} className="text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function CreatePartnerOrganizationForm(
  props: { onCreated?: (org: { id: string; name: string }) => void } = {},
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const invalid = (k: string) => ({
    "aria-invalid": Boolean(fieldErrors[k]),
    "aria-describedby": fieldErrors[k] ? `org-${k}-error` : undefined,
  });
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const f = new FormData(form);
        const input = {
          name: String(f.get("name") ?? ""),
          currency: String(f.get("currency") ?? "EUR") as "EUR" | "USD",
          adminEmail: String(f.get("adminEmail") ?? ""),
          adminFirstName: String(f.get("adminFirstName") ?? ""),
          adminLastName: String(f.get("adminLastName") ?? ""),
          language: String(f.get("language") ?? "en") as "en" | "de",
        };
        startTransition(async () => {
          const result = await createPartnerOrganizationAction(input);
          if (!result.ok) {
            setError(result.error);
            setFieldErrors(result.fieldErrors ?? {});
            return;
          }
          form.reset();
          setError(null);
          setFieldErrors({});
          if (props.onCreated) {
            props.onCreated({ id: result.data.id, name: result.data.name });
            return;
          }
          router.push(`/organizations?notice=created&name=${encodeURIComponent(result.data.name)}`);
          router.refresh();
        });
      }}
    >
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="org-name" label="Organization name" error={fieldErrors.name?.[0]}>
          <input id="org-name" name="name" className={inputClass} {...invalid("name")} />
        </Field>
        <Field id="org-currency" label="Currency" error={fieldErrors.currency?.[0]}>
          <select id="org-currency" name="currency" defaultValue="EUR" className={inputClass}>
            <option value="EUR">EUR</option>
            <option value="USD">USD</option>
          </select>
        </Field>
        <Field id="org-adminEmail" label="First admin’s email" error={fieldErrors.adminEmail?.[0]}>
          <input
            id="org-adminEmail"
            name="adminEmail"
            type="email"
            className={inputClass}
            {...invalid("adminEmail")}
          />
        </Field>
        <Field id="org-language" label="Admin’s language">
          <select id="org-language" name="language" defaultValue="en" className={inputClass}>
            <option value="en">English</option>
            <option value="de">German</option>
          </select>
        </Field>
        <Field id="org-adminFirstName" label="First name" error={fieldErrors.adminFirstName?.[0]}>
          <input
            id="org-adminFirstName"
            name="adminFirstName"
            className={inputClass}
            {...invalid("adminFirstName")}
          />
        </Field>
        <Field id="org-adminLastName" label="Last name" error={fieldErrors.adminLastName?.[0]}>
          <input
            id="org-adminLastName"
            name="adminLastName"
            className={inputClass}
            {...invalid("adminLastName")}
          />
        </Field>
      </div>
      <p className="text-xs text-slate-500">
        ezeep e-mails the first admin an invitation (valid 14 days). You become the new organization’s owner
        in this portal.
      </p>
      <button type="submit" disabled={pending} className={buttonClass.primary}>
        {pending ? "Creating…" : "Create organization"}
      </button>
    </form>
  );
}

export function DeletePartnerOrganizationButton(props: { organization: { id: string; name: string } }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const { organization } = props;
  const inputId = `confirm-${organization.id}`;
  return (
    <ConfirmDialog
      triggerLabel="Delete"
      triggerAriaLabel={`Delete ${organization.name}`}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={`Delete “${organization.name}”?`}
      confirmLabel="Delete organization"
      pendingLabel="Deleting…"
      width="lg"
      confirmDisabled={typed.trim() !== organization.name}
      onOpen={() => setTyped("")}
      action={() => deletePartnerOrganizationAction({ id: organization.id, confirmName: typed })}
      onSuccess={(data) => {
        router.push(`/organizations?notice=deleted&name=${encodeURIComponent(data.name)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        The organization is deleted in ezeep with all its users, groups and printers, and the portal forgets
        it (its audit log entries stay). This cannot be undone.
      </p>
      <div className="space-y-1.5">
        <label htmlFor={inputId} className={labelClass}>
          Type <span className="font-semibold">{organization.name}</span> to confirm
        </label>
        <input
          id={inputId}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          className={inputClass}
        />
      </div>
    </ConfirmDialog>
  );
}
