"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { setLanguageAction } from "@/lib/i18n/actions";
import { LOCALE_NAMES, LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { Card, FormAlert, FormStatus } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

type Choice = AppLocale | "auto";

/** Settings → Language: the admin's own choice, kept on their account for every browser. */
export function LanguageSection({ current }: { current: AppLocale | null }) {
  const t = useTranslations("language");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor, status, statusAnchor } = form;
  const [choice, setChoice] = useState<Choice>(current ?? "auto");

  return (
    <Card className="px-4 py-4 sm:px-6">
      <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("description")}</p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          form.run(
            () => setLanguageAction({ locale: choice }),
            () => {
              router.refresh();
              return t("saved");
            },
          );
        }}
      >
        <div>
          <label htmlFor="language" className={labelClass}>
            {t("label")}
          </label>
          <select
            id="language"
            name="locale"
            className={`${inputClass} mt-1 w-56`}
            value={choice}
            onChange={(event) => setChoice(event.target.value as Choice)}
          >
            <option value="auto">{t("auto")}</option>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LOCALE_NAMES[locale]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? t("saving") : t("save")}
        </button>
      </form>
      <div className="mt-3 space-y-2">
        <FormAlert message={error} ref={errorAnchor} />
        <FormStatus message={status} ref={statusAnchor} />
      </div>
    </Card>
  );
}
