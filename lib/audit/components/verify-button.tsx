"use client";

// Verifies the organization's hash chain on the server and says "intact" or where it breaks.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState, useTransition } from "react";

import { verifyAuditAction } from "@/lib/audit/actions";
import { buttonClass } from "@/lib/ui/styles";

type Result = Awaited<ReturnType<typeof verifyAuditAction>>;

export function VerifyButton() {
  const t = useTranslations("audit.verify");
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={pending}
        onClick={() => startTransition(async () => setResult(await verifyAuditAction({})))}
      >
        {pending ? t("verifying") : t("button")}
      </button>
      {result ? <VerifyResult result={result} /> : null}
    </div>
  );
}

function VerifyResult({ result }: { result: Result }) {
  const t = useTranslations("audit.verify");
  if (!result.ok) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {result.error}
      </p>
    );
  }
  if (result.data.intact) {
    return (
      <p
        role="status"
        data-testid="verify-result"
        className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
      >
        {t.rich("intact", { count: result.data.checked, strong: (chunks) => <strong>{chunks}</strong> })}
        {result.data.checkpointSeq > 0 ? t("afterCheckpoint", { seq: result.data.checkpointSeq }) : ""}
        {result.data.pending > 0 ? t("awaiting", { count: result.data.pending }) : ""}
        {t("end")}
      </p>
    );
  }
  return (
    <p
      role="alert"
      data-testid="verify-result"
      className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
    >
      <strong>{t("broken")}</strong> {result.data.firstBreak?.message}{" "}
      {result.data.firstBreak?.entryId ? (
        <Link className="font-medium underline" href={`/audit/${result.data.firstBreak.entryId}`}>
          {t("openEntry", { id: result.data.firstBreak.entryId })}
        </Link>
      ) : null}
    </p>
  );
}
