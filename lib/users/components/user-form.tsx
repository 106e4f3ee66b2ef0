"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";

import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";
import { updateUserAction } from "@/lib/users/actions";
import { USER_NAME_MAX } from "@/lib/users/constants";

interface Props {
  user: { id: string; email: string; firstName: string; lastName: string; role: "admin" | "user" };
}

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {messages[0]}
    </p>
  );
}

/** Reads the form, runs the update and, once saved, goes back to the user's page with a notice. */
function useUserFormSubmit(userId: string) {
  const router = useRouter();
  const submission = useActionForm();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = {
      id: userId,
      firstName: String(form.get("firstName") ?? ""),
      lastName: String(form.get("lastName") ?? ""),
      role: String(form.get("role") ?? "") as "admin" | "user",
    };
    submission.run(
      () => updateUserAction(fields),
      () => {
        router.push(`/users/${userId}?notice=updated`);
        router.refresh();
      },
    );
  };
  return { submission, onSubmit };
}

export function UserForm({ user }: Props) {
  const t = useTranslations("users.edit");
  const { submission, onSubmit } = useUserFormSubmit(user.id);
  const { pending, error, errorAnchor, fieldErrors } = submission;

  return (
    <form noValidate className={`${cardClass} max-w-2xl space-y-5 p-6`} onSubmit={onSubmit}>
      <FormAlert message={error} ref={errorAnchor} />
      <div className="space-y-1.5">
        <span className={labelClass}>{t("email")}</span>
        <p className="text-sm text-slate-900">{user.email}</p>
        <p className="text-xs text-slate-500">{t("emailHint")}</p>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <NameField
          name="firstName"
          label={t("firstName")}
          defaultValue={user.firstName}
          errors={fieldErrors.firstName}
        />
        <NameField
          name="lastName"
          label={t("lastName")}
          defaultValue={user.lastName}
          errors={fieldErrors.lastName}
        />
      </div>
      <RoleChoice role={user.role} errors={fieldErrors.role} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? t("saving") : t("save")}
        </button>
        <Link href={`/users/${user.id}`} className={buttonClass.secondary}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}

function NameField(props: {
  name: "firstName" | "lastName";
  label: string;
  defaultValue: string;
  errors?: string[];
}) {
  const errorId = `${props.name}-error`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={props.name} className={labelClass}>
        {props.label}
      </label>
      <input
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
        maxLength={USER_NAME_MAX + 50}
        autoComplete="off"
        aria-invalid={Boolean(props.errors)}
        aria-describedby={props.errors ? errorId : undefined}
        className={inputClass}
      />
      <FieldError id={errorId} messages={props.errors} />
    </div>
  );
}

function RoleChoice(props: { role: Props["user"]["role"]; errors?: string[] }) {
  const t = useTranslations("users.edit");
  const tRoles = useTranslations("users.roles");
  const choices = [
    ["user", tRoles("user"), t("roleUserHint")],
    ["admin", tRoles("admin"), t("roleAdminHint")],
  ] as const;
  return (
    <fieldset className="space-y-2">
      <legend className={labelClass}>{t("role")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {choices.map(([value, label, hint]) => (
          <label
            key={value}
            className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name="role"
              value={value}
              defaultChecked={props.role === value}
              className="mt-0.5 h-4 w-4 text-brand-600"
            />
            <span>
              <span className="block font-medium text-slate-900">{label}</span>
              <span className="block text-slate-600">{hint}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id="role-error" messages={props.errors} />
    </fieldset>
  );
}
