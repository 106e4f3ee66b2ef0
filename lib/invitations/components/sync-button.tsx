"use client";

// "Sync now": runs the follow-up for this organization at once instead of waiting for the job.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { syncInvitationsAction } from "@/lib/invitations/actions";
import { buttonClass } from "@/lib/ui/styles";

function describe(s: {
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
}): string {
  if (s.ezeepError) return `ezeep could not be read: ${s.ezeepError}`;
  const parts = [
    [s.imported.length, "found in ezeep"],
    [s.accepted.length, "accepted"],
    [s.expired.length, "expired"],
    [s.revived.length, "pending again"],
    [s.withdrawn.length, "withdrawn"],
    [s.reminded.length, "reminded"],
    [s.groupsApplied.length, "added to their groups"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const base = parts.length
    ? `Synced with ezeep: ${parts.join(", ")}.`
    : "Synced with ezeep: everything was up to date.";
  return s.errors.length
    ? `${base} ${s.errors.length} step${s.errors.length === 1 ? "" : "s"} will be retried: ${s.errors[0]}`
    : base;
}

export function SyncButton() {
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
              r.ok ? { ok: !r.data.ezeepError, text: describe(r.data) } : { ok: false, text: r.error },
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
        {pending ? "Syncing…" : "Sync now"}
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
