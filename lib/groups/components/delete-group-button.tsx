"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { deleteGroupAction } from "@/lib/groups/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function DeleteGroupButton(props: {
  group: { id: string; name: string; members: number; printers: number };
  variant?: "button" | "link";
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { group } = props;
  return (
    <>
      <button
        type="button"
        className={props.variant === "link" ? "text-sm font-medium text-red-700 hover:underline" : buttonClass.secondary}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
        aria-label={`Delete ${group.name}`}
      >
        Delete
      </button>
      <dialog ref={dialog} aria-labelledby={`delete-${group.id}-title`} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl">
        <div className="space-y-3 p-6">
          <h2 id={`delete-${group.id}-title`} className="text-lg font-semibold text-slate-900">
            Delete “{group.name}”?
          </h2>
          <p className="text-sm text-slate-600">
            {group.members} member{group.members === 1 ? "" : "s"} will leave this group and {group.printers} printer
            {group.printers === 1 ? "" : "s"} will no longer be assigned through it. Users keep their other groups. This cannot
            be undone.
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
                const result = await deleteGroupAction({ id: group.id });
                if (!result.ok) {
                  setError(result.error);
                  return;
                }
                dialog.current?.close();
                router.push(`/groups?notice=deleted&name=${encodeURIComponent(group.name)}`);
                router.refresh();
              })
            }
          >
            {pending ? "Deleting…" : "Delete group"}
          </button>
        </div>
      </dialog>
    </>
  );
}
