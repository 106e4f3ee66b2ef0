"use client";
// Removes one user from one group (from either side), after a confirmation naming both.
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { removeMembershipAction } from "@/lib/memberships/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function RemoveMemberButton(props: { user: { id: string; label: string }; group: { id: string; name: string }; label?: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { user, group } = props;
  const titleId = `remove-${user.id}-${group.id}`;
  return (
    <>
      <button
        type="button"
        className="text-sm font-medium text-red-700 hover:underline"
        aria-label={props.label ?? `Remove ${user.label} from ${group.name}`}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Remove
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl">
        <div className="space-y-3 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            Remove from “{group.name}”?
          </h2>
          <p className="text-sm text-slate-600">
            <span className="font-medium text-slate-900">{user.label}</span> leaves “{group.name}” and loses the printers they get only
            through this group. Their other groups stay as they are.
          </p>
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
                const result = await removeMembershipAction({ userId: user.id, groupIds: [group.id] });
                if (!result.ok) {
                  setError(result.error);
                  return;
                }
                dialog.current?.close();
                router.refresh();
              })
            }
          >
            {pending ? "Removing…" : "Remove"}
          </button>
        </div>
      </dialog>
    </>
  );
}
