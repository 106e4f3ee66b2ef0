"use client";

// Removes one user from one group (from either side), after a confirmation naming both.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { removeMembershipAction } from "@/lib/memberships/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function RemoveMemberButton(props: {
  user: { id: string; label: string };
  group: { id: string; name: string };
  label?: string;
}) {
  const t = useTranslations("users.removeMember");
  const router = useRouter();
  const { user, group } = props;
  return (
    <ConfirmDialog
      triggerLabel={t("trigger")}
      triggerAriaLabel={props.label ?? t("triggerLabel", { user: user.label, group: group.name })}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={t("title", { group: group.name })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      action={() => removeMembershipAction({ userId: user.id, groupIds: [group.id] })}
      onSuccess={() => router.refresh()}
    >
      <p className="text-sm text-slate-600">
        {t.rich("text", {
          user: user.label,
          group: group.name,
          strong: (chunks) => <span className="font-medium text-slate-900">{chunks}</span>,
        })}
      </p>
    </ConfirmDialog>
  );
}
