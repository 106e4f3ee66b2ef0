"use client";

// "Sync now": runs the follow-up for this organization at once instead of waiting for the job.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { syncInvitationsAction } from "@/lib/invitations/actions";
import { buttonClass } from "@/lib/ui/styles";

type SyncSummary = {
  imported: string[];
  accepted: string[];
  expired: string[];
  revived: string[];
  withdrawn: string[];
  reminded: string[];
  groupsApplied: string[];
  rolesApplied: string[];
  errors: string[];
  ezeepError: string | null;
};

const COUNTED = [
  "imported",
  "accepted",
  "expired",
  "revived",
  "withdrawn",
  "reminded",
  "groupsApplied",
] as const;

function describe(s: SyncSummary, t: ReturnType<typeof useTranslations<"invitations">>): string {
  if (s.ezeepError) return t("sync.ezeepError", { error: s.ezeepError });
  const parts = COUNTED.filter((key) => s[key].length > 0).map((key) =>
    t(`sync.${key}`, { count: s[key].length }),
  );
  const base = parts.length ? t("sync.synced", { parts: parts.join(", ") }) : t("sync.upToDate");
  return s.errors.length
    ? `${base} ${t("sync.retried", { count: s.errors.length, error: s.errors[0] ?? "" })}`
    : base;
}

export function SyncButton() {
  const t = useTranslations("invitations");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setResult(null);
            const r = await syncInvitationsAction({});
            setResult(
              r.ok ? { ok: !r.data.ezeepError, text: describe(r.data, t) } : { ok: false, text: r.error },
            );
            router.refresh();
          })
        }
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className={`size-4 ${pending ? "animate-spin" : ""}`}
        >
          <path
            fillRule="evenodd"
            d="M15.3 4.7a7 7 0 0 0-11.8 3.1.75.75 0 1 0 1.45.4 5.5 5.5 0 0 1 9.3-2.4l-1.5 1.5h4V3.3l-1.45 1.4ZM4.7 15.3a7 7 0 0 0 11.8-3.1.75.75 0 1 0-1.45-.4 5.5 5.5 0 0 1-9.3 2.4l1.5-1.5h-4v4l1.45-1.4Z"
            clipRule="evenodd"
          />
        </svg>
        {pending ? t("sync.pending") : t("sync.button")}
      </button>
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={`max-w-sm text-xs sm:text-right ${result.ok ? "text-emerald-700" : "text-red-700"}`}
          data-testid="sync-result"
        >
          {result.text}
        </p>
      ) : null}
    </div>
  );
}
