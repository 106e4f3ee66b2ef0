"use client";

// Deleting a user, after a confirmation that names what is lost: the ezeep account, the group
// memberships, and the printers the user had through those groups.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { ConfirmDialog } from "@/lib/ui/confirm-dialog";
import { deleteUserAction } from "@/lib/users/actions";

export function DeleteUserButton(props: {
  user: { id: string; name: string; email: string };
  groups: string[];
  printers: string[];
}) {
  const t = useTranslations("users.delete");
  const router = useRouter();
  const { user, groups, printers } = props;
  const list = (items: string[], max = 6) =>
    items.length > max
      ? t("listMore", { names: items.slice(0, max).join(", "), count: items.length - max })
      : items.join(", ");
  const strong = (chunks: React.ReactNode) => <span className="font-medium text-slate-900">{chunks}</span>;
  return (
    <ConfirmDialog
      triggerLabel={t("trigger")}
      triggerAriaLabel={t("triggerLabel", { name: user.name })}
      title={t("title", { name: user.name })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      width="lg"
      action={() => deleteUserAction({ id: user.id })}
      onSuccess={() => {
        router.push(`/users?notice=deleted&name=${encodeURIComponent(user.email)}`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="delete-impact">
        <li>{t.rich("account", { email: user.email, strong })}</li>
        <li>
          {groups.length === 0
            ? t("noGroups")
            : t.rich("groups", { count: groups.length, names: list(groups), strong })}
        </li>
        <li>
          {printers.length === 0
            ? t("noPrinters")
            : t.rich("printers", { count: printers.length, names: list(printers), strong })}
        </li>
      </ul>
      <p className="text-sm text-slate-600">{t("final")}</p>
    </ConfirmDialog>
  );
}
