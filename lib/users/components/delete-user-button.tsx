"use client";

// Deleting a user, after a confirmation that names what is lost: the ezeep account, the group
// memberships, and the printers the user had through those groups.
import { useRouter } from "next/navigation";

import { ConfirmDialog } from "@/lib/ui/confirm-dialog";
import { deleteUserAction } from "@/lib/users/actions";

export function DeleteUserButton(props: {
  user: { id: string; name: string; email: string };
  groups: string[];
  printers: string[];
}) {
  const router = useRouter();
  const { user, groups, printers } = props;
  const list = (items: string[], max = 6) =>
    items.length > max
      ? `${items.slice(0, max).join(", ")} and ${items.length - max} more`
      : items.join(", ");
  return (
    <ConfirmDialog
      triggerLabel="Delete"
      triggerAriaLabel={`Delete ${user.name}`}
      title={`Delete ${user.name}?`}
      confirmLabel="Delete user"
      pendingLabel="Deleting…"
      width="lg"
      action={() => deleteUserAction({ id: user.id })}
      onSuccess={() => {
        router.push(`/users?notice=deleted&name=${encodeURIComponent(user.email)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        This removes the person from your ezeep organization. They lose:
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="delete-impact">
        <li>
          their ezeep account <span className="font-medium text-slate-900">{user.email}</span> — they can no
          longer sign in or print
        </li>
        <li>
          {groups.length === 0 ? (
            "no group memberships (they are in no group)"
          ) : (
            <>
              {groups.length} group membership{groups.length === 1 ? "" : "s"}:{" "}
              <span className="font-medium text-slate-900">{list(groups)}</span>
            </>
          )}
        </li>
        <li>
          {printers.length === 0 ? (
            "no printers (none are assigned through their groups)"
          ) : (
            <>
              access to {printers.length} printer{printers.length === 1 ? "" : "s"}:{" "}
              <span className="font-medium text-slate-900">{list(printers)}</span>
            </>
          )}
        </li>
      </ul>
      <p className="text-sm text-slate-600">This cannot be undone: to bring them back, invite them again.</p>
    </ConfirmDialog>
  );
}
