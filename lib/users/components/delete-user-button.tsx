"use client";
// Deleting a user, after a confirmation that names what is lost: the ezeep account, the group
// memberships, and the printers the user had through those groups.
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { deleteUserAction } from "@/lib/users/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function DeleteUserButton(props: {
  user: { id: string; name: string; email: string };
  groups: string[];
  printers: string[];
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { user, groups, printers } = props;
  const list = (items: string[], max = 6) => (items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", "));
  return (
    <>
      <button
        type="button"
        className={buttonClass.secondary}
        aria-label={`Delete ${user.name}`}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Delete
      </button>
      <dialog ref={dialog} aria-labelledby="delete-user-title" className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl">
        <div className="space-y-3 p-6">
          <h2 id="delete-user-title" className="text-lg font-semibold text-slate-900">
            Delete {user.name}?
          </h2>
          <p className="text-sm text-slate-600">This removes the person from your ezeep organization. They lose:</p>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="delete-impact">
            <li>
              their ezeep account <span className="font-medium text-slate-900">{user.email}</span> — they can no longer sign in or print
            </li>
            <li>
              {groups.length === 0 ? (
                "no group memberships (they are in no group)"
              ) : (
                <>
                  {groups.length} group membership{groups.length === 1 ? "" : "s"}: <span className="font-medium text-slate-900">{list(groups)}</span>
                </>
              )}
            </li>
            <li>
              {printers.length === 0 ? (
                "no printers (none are assigned through their groups)"
              ) : (
                <>
                  access to {printers.length} printer{printers.length === 1 ? "" : "s"}: <span className="font-medium text-slate-900">{list(printers)}</span>
                </>
              )}
            </li>
          </ul>
          <p className="text-sm text-slate-600">This cannot be undone: to bring them back, invite them again.</p>
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
                const result = await deleteUserAction({ id: user.id });
                if (!result.ok) {
                  setError(result.error);
                  return;
                }
                dialog.current?.close();
                router.push(`/users?notice=deleted&name=${encodeURIComponent(user.email)}`);
                router.refresh();
              })
            }
          >
            {pending ? "Deleting…" : "Delete user"}
          </button>
        </div>
      </dialog>
    </>
  );
}
