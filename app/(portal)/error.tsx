"use client";

// Unexpected failures while rendering a page: no details leave the server (Next strips them in
// production); the digest lets an operator find the log line.
import { useTranslations } from "next-intl";

import { buttonClass } from "@/lib/ui/styles";

export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("shell.error");
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {t.rich("body", {
          digest: error.digest ?? t("noDigest"),
          code: (chunks) => <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{chunks}</code>,
        })}
      </p>
      <button type="button" onClick={reset} className={`${buttonClass.primary} mt-4`}>
        {t("retry")}
      </button>
    </div>
  );
}
