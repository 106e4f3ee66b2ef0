"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { deleteGroupAction } from "@/lib/groups/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function DeleteGroupButton(props: {
  group: { id: string; name: string; members: number; printers: number };
  variant?: "button" | "link";
}) {
  const t = useTranslations("groups.delete");
  const router = useRouter();
  const { group } = props;
  return (
    <ConfirmDialog
      triggerLabel={t("trigger")}
      triggerAriaLabel={t("triggerLabel", { name: group.name })}
      triggerClassName={
        props.variant === "link" ? "text-sm font-medium text-red-700 hover:underline" : undefined
      }
      title={t("title", { name: group.name })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      action={() => deleteGroupAction({ id: group.id })}
      onSuccess={() => {
        router.push(`/groups?notice=deleted&name=${encodeURIComponent(group.name)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        {t("text", { members: group.members, printers: group.printers })}
      </p>
    </ConfirmDialog>
  );
}
