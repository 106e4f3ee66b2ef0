"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { revokeApiTokenAction } from "@/lib/api-tokens/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function RevokeTokenButton(props: { token: { id: string; name: string } }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { token } = props;
  return (
    <>
      <button
        type="button"
        className="text-sm font-medium text-red-700 hover:underline"
        aria-label={`Revoke ${token.name}`}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Revoke
      </button>
      <dialog ref={dialog} aria-labelledby={`revoke-${token.id}-title`} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl">
        <div className="space-y-3 p-6">
          <h2 id={`revoke-${token.id}-title`} className="text-lg font-semibold text-slate-900">
            Revoke “{token.name}”?
          </h2>
          <p className="text-sm text-slate-600">Systems using this token are refused from now on. This cannot be undone; create a new token if needed.</p>
          <FormAlert message={error} />
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
          <button type="button" className={buttonClass.secondary} onClick={() => dialog.current?.close()} disabled={pending}>
            Cancel
          </button>
          <button
            type="button"
            className={buttonClass.danger}
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await revokeApiTokenAction({ id: token.id });
                if (!result.ok) {
                  setError(result.error);
                  return;
                }
                dialog.current?.close();
                router.refresh();
              })
            }
          >
            {pending ? "Revoking…" : "Revoke token"}
          </button>
        </div>
      </dialog>
    </>
  );
}
