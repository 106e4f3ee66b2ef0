"use client";

// Removes one user from one group (from either side), after a confirmation naming both.
import { useRouter } from "next/navigation";

import { removeMembershipAction } from "@/lib/memberships/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function RemoveMemberButton(props: {
  user: { id: string; label: string };
  group: { id: string; name: string };
  label?: string;
}) {
  const router = useRouter();
  const { user, group } = props;
  return (
    <ConfirmDialog
      triggerLabel="Remove"
      triggerAriaLabel={props.label ?? `Remove ${user.label} from ${group.name}`}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={`Remove from “${group.name}”?`}
      confirmLabel="Remove"
      pendingLabel="Removing…"
      action={() => removeMembershipAction({ userId: user.id, groupIds: [group.id] })}
      onSuccess={() => router.refresh()}
    >
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">{user.label}</span> leaves “{group.name}” and loses the
        printers they get only through this group. Their other groups stay as they are.
      </p>
    </ConfirmDialog>
  );
}
