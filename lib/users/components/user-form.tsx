"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";

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

export function UserForm({ user }: Props) {
  const t = useTranslations("users.edit");
  const tRoles = useTranslations("users.roles");
  const router = useRouter();
  const submission = useActionForm();
  const { pending, error, errorAnchor, fieldErrors } = submission;

  return (
    <form
      noValidate
      className={`${cardClass} max-w-2xl space-y-5 p-6`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const fields = {
          id: user.id,
          firstName: String(form.get("firstName") ?? ""),
          lastName: String(form.get("lastName") ?? ""),
          role: String(form.get("role") ?? "") as "admin" | "user",
        };
        submission.run(
          () => updateUserAction(fields),
          () => {
            router.push(`/users/${user.id}?notice=updated`);
            router.refresh();
          },
        );
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <div className="space-y-1.5">
        <span className={labelClass}>{t("email")}</span>
        <p className="text-sm text-slate-900">{user.email}</p>
        <p className="text-xs text-slate-500">{t("emailHint")}</p>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor="firstName" className={labelClass}>
            {t("firstName")}
          </label>
          <input
            id="firstName"
            name="firstName"
            defaultValue={user.firstName}
            maxLength={USER_NAME_MAX + 50}
            autoComplete="off"
            aria-invalid={Boolean(fieldErrors.firstName)}
            aria-describedby={fieldErrors.firstName ? "firstName-error" : undefined}
            className={inputClass}
          />
          <FieldError id="firstName-error" messages={fieldErrors.firstName} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="lastName" className={labelClass}>
            {t("lastName")}
          </label>
          <input
            id="lastName"
            name="lastName"
            defaultValue={user.lastName}
            maxLength={USER_NAME_MAX + 50}
            autoComplete="off"
            aria-invalid={Boolean(fieldErrors.lastName)}
            aria-describedby={fieldErrors.lastName ? "lastName-error" : undefined}
            className={inputClass}
          />
          <FieldError id="lastName-error" messages={fieldErrors.lastName} />
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className={labelClass}>{t("role")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(
            [
              ["user", tRoles("user"), t("roleUserHint")],
              ["admin", tRoles("admin"), t("roleAdminHint")],
            ] as const
          ).map(([value, label, hint]) => (
            <label
              key={value}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="role"
                value={value}
                defaultChecked={user.role === value}
                className="mt-0.5 h-4 w-4 text-brand-600"
              />
              <span>
                <span className="block font-medium text-slate-900">{label}</span>
                <span className="block text-slate-600">{hint}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="role-error" messages={fieldErrors.role} />
      </fieldset>
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
