"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";

import {
  addNddClientAction,
  removeNddClientAction,
  setMassRemovalAction,
} from "@/lib/provisioning/ndd/actions";
import { FormAlert, FormStatus } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm, type ActionForm } from "@/lib/ui/use-action-form";

export function NddClientForms(props: { clients: string[] }) {
  const form = useActionForm();
  const { error, errorAnchor, status, statusAnchor } = form;
  return (
    <div className="space-y-3">
      <FormAlert message={error} ref={errorAnchor} />
      <FormStatus message={status} ref={statusAnchor} />
      {props.clients.length > 0 ? <RegisteredClients clients={props.clients} form={form} /> : null}
      <AddClientForm form={form} />
    </div>
  );
}

/** The registered Client names, each with its remove button (results show in the shared form's lines). */
function RegisteredClients({ clients, form }: { clients: string[]; form: ActionForm }) {
  const t = useTranslations("ndd.settings");
  const router = useRouter();
  const remove = (name: string) =>
    form.run(
      () => removeNddClientAction({ name }),
      () => {
        router.refresh();
        return t("clientRemoved", { name });
      },
    );
  return (
    <ul className="flex flex-wrap gap-2" aria-label={t("registered")}>
      {clients.map((name) => (
        <li
          key={name}
          className="flex items-center gap-1 rounded-lg border border-slate-200 py-1 pr-1 pl-3 text-sm"
        >
          <span className="font-mono">{name}</span>
          <button
            type="button"
            disabled={form.pending}
            className="rounded px-2 py-0.5 text-slate-500 hover:bg-slate-100 hover:text-red-700"
            aria-label={t("removeClient", { name })}
            onClick={() => remove(name)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function AddClientForm({ form }: { form: ActionForm }) {
  const t = useTranslations("ndd.settings");
  const router = useRouter();
  const { pending, fieldErrors } = form;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const name = String(new FormData(element).get("name") ?? "");
    form.run(
      () => addNddClientAction({ name }),
      () => {
        element.reset();
        router.refresh();
        return t("clientAdded", { name });
      },
    );
  };
  return (
    <form noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end" onSubmit={onSubmit}>
      <div className="min-w-0 flex-1 space-y-1.5">
        <label htmlFor="ndd-client" className={labelClass}>
          {t("addLabel")}
        </label>
        <input
          id="ndd-client"
          name="name"
          placeholder={t("addPlaceholder")}
          maxLength={120}
          className={inputClass}
          {...form.fieldProps("name")}
        />
        {fieldErrors.name?.[0] ? (
          <p id="name-error" className="text-sm text-red-700">
            {fieldErrors.name[0]}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={pending} className={buttonClass.primary}>
        {t("add")}
      </button>
    </form>
  );
}

export function MassRemovalForm(props: { percent: number }) {
  const t = useTranslations("ndd.settings");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor, status, statusAnchor, fieldErrors } = form;
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const percent = Number(new FormData(event.currentTarget).get("percent"));
        form.run(
          () => setMassRemovalAction({ percent }),
          () => {
            router.refresh();
            return t("saved");
          },
        );
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <label htmlFor="ndd-percent" className={labelClass}>
        {t("percentLabel")}
      </label>
      <div className="flex gap-2">
        <input
          id="ndd-percent"
          name="percent"
          type="number"
          min={0}
          max={100}
          defaultValue={props.percent}
          className={`${inputClass} w-28`}
          {...form.fieldProps("percent")}
        />
        <button type="submit" disabled={pending} className={buttonClass.secondary}>
          {t("save")}
        </button>
      </div>
      {fieldErrors.percent?.[0] ? (
        <p id="percent-error" className="text-sm text-red-700">
          {fieldErrors.percent[0]}
        </p>
      ) : null}
      <FormStatus message={status} ref={statusAnchor} />
    </form>
  );
}
