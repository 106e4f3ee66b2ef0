"use client";

// What happened to every address after sending: a summary that receives focus (the form it
// replaces is gone), one line per address, and the ways on (the list, or invite more).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useRef } from "react";

import { Badge } from "@/lib/ui/components";
import { buttonClass, cardClass } from "@/lib/ui/styles";

export interface AddressResult {
  input: string;
  email: string | null;
  outcome: "sent" | "invalid" | "duplicate" | "rejected" | "failed" | "unknown";
  message: string;
  warning?: string;
}

const OUTCOME = {
  sent: { label: "form.outcomeSent", tone: "green" },
  invalid: { label: "form.outcomeInvalid", tone: "red" },
  duplicate: { label: "form.outcomeDuplicate", tone: "slate" },
  rejected: { label: "form.outcomeRejected", tone: "amber" },
  failed: { label: "form.outcomeFailed", tone: "red" },
  unknown: { label: "form.outcomeUnknown", tone: "amber" },
} as const satisfies Record<
  AddressResult["outcome"],
  { label: string; tone: "green" | "red" | "amber" | "slate" }
>;

export function InviteResults({
  results,
  onInviteMore,
}: {
  results: AddressResult[];
  onInviteMore: () => void;
}) {
  const t = useTranslations("invitations");
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  // The form is replaced by the results: focus goes to their summary, not to <body>.
  useEffect(() => {
    resultsHeading.current?.focus();
  }, [results]);
  const sent = results.filter((r) => r.outcome === "sent").length;
  return (
    <section className={`${cardClass} max-w-3xl`} aria-labelledby="results-title">
      <div className="border-b border-slate-100 px-6 py-4">
        <h2
          id="results-title"
          ref={resultsHeading}
          tabIndex={-1}
          className="text-base font-semibold text-slate-900 focus:outline-none"
          role="status"
        >
          {sent === results.length
            ? t("form.allSent", { count: sent })
            : t("form.someSent", { sent, count: results.length })}
        </h2>
        {sent < results.length ? (
          <p className="mt-1 text-sm text-slate-600">{t("form.othersListed")}</p>
        ) : null}
      </div>
      <ul className="divide-y divide-slate-100" data-testid="invite-results">
        {results.map((r, i) => (
          <AddressResultItem key={`${r.input}-${i}`} result={r} />
        ))}
      </ul>
      <div className="flex flex-wrap gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
        <Link href="/invitations" className={buttonClass.primary}>
          {t("form.viewInvitations")}
        </Link>
        <button type="button" className={buttonClass.secondary} onClick={onInviteMore}>
          {t("form.inviteMore")}
        </button>
      </div>
    </section>
  );
}

function AddressResultItem({ result }: { result: AddressResult }) {
  const t = useTranslations("invitations");
  return (
    <li
      className="flex flex-col gap-1 px-6 py-3 sm:flex-row sm:items-start sm:gap-4"
      data-testid="invite-result"
    >
      <div className="w-36 shrink-0">
        <Badge tone={OUTCOME[result.outcome].tone}>{t(OUTCOME[result.outcome].label)}</Badge>
      </div>
      <div className="min-w-0 text-sm">
        <p className="font-medium break-all text-slate-900">{result.email ?? result.input}</p>
        {result.outcome !== "sent" ? <p className="text-slate-600">{result.message}</p> : null}
        {result.warning ? <p className="text-amber-800">{result.warning}</p> : null}
      </div>
    </li>
  );
}

/** The addresses to keep in the form after "Invite more": those not sent, to fix and try again. */
export function addressesToRetry(results: AddressResult[]): string {
  return results
    .filter((r) => r.outcome === "invalid" || r.outcome === "failed")
    .map((r) => r.input)
    .join("\n");
}
