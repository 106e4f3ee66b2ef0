"use client";

// Unexpected failures while rendering a page: no details leave the server (Next strips them in
// production); the digest lets an operator find the log line.
import { buttonClass } from "@/lib/ui/styles";

export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        The portal hit an unexpected problem. Try again; if it keeps happening, give your administrator this
        reference: <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{error.digest ?? "n/a"}</code>
      </p>
      <button type="button" onClick={reset} className={`${buttonClass.primary} mt-4`}>
        Try again
      </button>
    </div>
  );
}
