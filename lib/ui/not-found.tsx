// "Page not found" (HTTP 404): for unknown URLs and for ids that do not exist (notFound()).
import { useTranslations } from "next-intl";
import Link from "next/link";

import { buttonClass } from "@/lib/ui/styles";

export function NotFoundMessage() {
  const t = useTranslations("common.notFound");
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("body")}</p>
      <Link href="/" className={buttonClass.primary}>
        {t("back")}
      </Link>
    </div>
  );
}
