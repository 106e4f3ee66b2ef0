"use client";

// "Withdraw" on an open invitation. The dialog says plainly what happens at ezeep: there is no
// withdraw call, so the invited (not yet signed-up) user is deleted, which ends the invitation.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { withdrawInvitationAction } from "@/lib/invitations/withdraw";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function WithdrawInvitationButton({ id, email }: { id: string; email: string }) {
  const t = useTranslations("invitations");
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel={t("withdraw.trigger")}
      triggerAriaLabel={t("withdraw.triggerAria", { email })}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={t("withdraw.title")}
      confirmLabel={t("withdraw.confirm")}
      pendingLabel={t("withdraw.pending")}
      action={() => withdrawInvitationAction({ id })}
      onSuccess={() => router.refresh()}
    >
      <p className="text-sm text-slate-700">
        {t.rich("withdraw.linkStops", {
          email,
          strong: (chunks) => <span className="font-medium">{chunks}</span>,
        })}
      </p>
      <p className="text-sm text-slate-600">{t("withdraw.explanation")}</p>
    </ConfirmDialog>
  );
}
