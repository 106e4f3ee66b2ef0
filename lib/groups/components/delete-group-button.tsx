"use client";

import { useRouter } from "next/navigation";

import { deleteGroupAction } from "@/lib/groups/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function DeleteGroupButton(props: {
  group: { id: string; name: string; members: number; printers: number };
  variant?: "button" | "link";
}) {
  const router = useRouter();
  const { group } = props;
  return (
    <ConfirmDialog
      triggerLabel="Delete"
      triggerAriaLabel={`Delete ${group.name}`}
      triggerClassName={
        props.variant === "link" ? "text-sm font-medium text-red-700 hover:underline" : undefined
      }
      title={`Delete “${group.name}”?`}
      confirmLabel="Delete group"
      pendingLabel="Deleting…"
      action={() => deleteGroupAction({ id: group.id })}
      onSuccess={() => {
        router.push(`/groups?notice=deleted&name=${encodeURIComponent(group.name)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        {group.members} member{group.members === 1 ? "" : "s"} will leave this group and {group.printers}{" "}
        printer
        {group.printers === 1 ? "" : "s"} will no longer be assigned through it. Users keep their other
        groups. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
