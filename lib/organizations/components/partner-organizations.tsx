"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import {
  createPartnerOrganizationAction,
  deletePartnerOrganizationAction,
} from "@/lib/organizations/actions";
import { FormAlert } from "@/lib/ui/components";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm, type FieldErrors } from "@/lib/ui/use-action-form";

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

/** Currency codes: the same in every language. */
const CURRENCIES = ["EUR", "USD"] as const;

function inputOf(form: HTMLFormElement) {
  const f = new FormData(form);
  return {
    name: String(f.get("name") ?? ""),
    currency: String(f.get("currency") ?? "EUR") as "EUR" | "USD",
    adminEmail: String(f.get("adminEmail") ?? ""),
    adminFirstName: String(f.get("adminFirstName") ?? ""),
    adminLastName: String(f.get("adminLastName") ?? ""),
    language: String(f.get("language") ?? "en") as "en" | "de",
  };
}

/** The new organization (name, currency, language) and its first admin (email, first/last name). */
function PartnerOrganizationFields({ fieldErrors }: { fieldErrors: FieldErrors }) {
  const t = useTranslations("organizations.create");
  // The fields' ids are `org-<name>`, their errors `org-<name>-error`.
  const invalid = (k: string) => ({
    "aria-invalid": Boolean(fieldErrors[k]),
    "aria-describedby": fieldErrors[k] ? `org-${k}-error` : undefined,
  });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="org-name" label={t("name")} error={fieldErrors.name?.[0]}>
        <input id="org-name" name="name" className={inputClass} {...invalid("name")} />
      </Field>
      <Field id="org-currency" label={t("currency")} error={fieldErrors.currency?.[0]}>
        <select id="org-currency" name="currency" defaultValue="EUR" className={inputClass}>
          {CURRENCIES.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </select>
      </Field>
      <Field id="org-adminEmail" label={t("adminEmail")} error={fieldErrors.adminEmail?.[0]}>
        <input
          id="org-adminEmail"
          name="adminEmail"
          type="email"
          className={inputClass}
          {...invalid("adminEmail")}
        />
      </Field>
      <Field id="org-language" label={t("language")}>
        <select id="org-language" name="language" defaultValue="en" className={inputClass}>
          <option value="en">{t("english")}</option>
          <option value="de">{t("german")}</option>
        </select>
      </Field>
      <Field id="org-adminFirstName" label={t("firstName")} error={fieldErrors.adminFirstName?.[0]}>
        <input
          id="org-adminFirstName"
          name="adminFirstName"
          className={inputClass}
          {...invalid("adminFirstName")}
        />
      </Field>
      <Field id="org-adminLastName" label={t("lastName")} error={fieldErrors.adminLastName?.[0]}>
        <input
          id="org-adminLastName"
          name="adminLastName"
          className={inputClass}
          {...invalid("adminLastName")}
        />
      </Field>
    </div>
  );
}

export function CreatePartnerOrganizationForm(
  props: { onCreated?: (org: { id: string; name: string }) => void } = {},
) {
  const t = useTranslations("organizations.create");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor, fieldErrors } = form;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const input = inputOf(element);
        form.run(
          () => createPartnerOrganizationAction(input),
          (data) => {
            element.reset();
            if (props.onCreated) {
              props.onCreated({ id: data.id, name: data.name });
              return;
            }
            router.push(`/organizations?notice=created&name=${encodeURIComponent(data.name)}`);
            router.refresh();
          },
        );
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <PartnerOrganizationFields fieldErrors={fieldErrors} />
      <p className="text-xs text-slate-500">{t("hint")}</p>
      <button type="submit" disabled={pending} className={buttonClass.primary}>
        {pending ? t("creating") : t("submit")}
      </button>
    </form>
  );
}

export function DeletePartnerOrganizationButton(props: { organization: { id: string; name: string } }) {
  const t = useTranslations("organizations.delete");
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const { organization } = props;
  const inputId = `confirm-${organization.id}`;
  return (
    <ConfirmDialog
      triggerLabel={t("trigger")}
      triggerAriaLabel={t("triggerAria", { name: organization.name })}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={t("title", { name: organization.name })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      width="lg"
      confirmDisabled={typed.trim() !== organization.name}
      onOpen={() => setTyped("")}
      action={() => deletePartnerOrganizationAction({ id: organization.id, confirmName: typed })}
      onSuccess={(data) => {
        router.push(`/organizations?notice=deleted&name=${encodeURIComponent(data.name)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">{t("body")}</p>
      <div className="space-y-1.5">
        <label htmlFor={inputId} className={labelClass}>
          {t.rich("typeToConfirm", {
            name: organization.name,
            strong: (chunks) => <span className="font-semibold">{chunks}</span>,
          })}
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
