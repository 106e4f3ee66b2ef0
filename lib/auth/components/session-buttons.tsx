"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { endAllSessionsAction, endSessionAction } from "@/lib/auth/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function EndSessionButton(props: { session: { id: string; device: string; current: boolean } }) {
  const t = useTranslations("settings.sessions");
  const router = useRouter();
  const { session } = props;
  const device = session.device;
  return (
    <ConfirmDialog
      triggerLabel={session.current ? t("signOut") : t("end")}
      triggerAriaLabel={t("endAria", { device })}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={session.current ? t("signOutTitle") : t("endTitle", { device })}
      confirmLabel={session.current ? t("signOut") : t("endConfirm")}
      pendingLabel={t("ending")}
      action={() => endSessionAction({ id: session.id })}
      onSuccess={(data) => {
        if (data.current) void signOut({ callbackUrl: "/signin" });
        else router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">{t("endBody")}</p>
    </ConfirmDialog>
  );
}

export function EndAllSessionsButton() {
  const t = useTranslations("settings.sessions");
  return (
    <ConfirmDialog
      triggerLabel={t("everywhere")}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={t("everywhereTitle")}
      confirmLabel={t("everywhere")}
      pendingLabel={t("signingOut")}
      action={() => endAllSessionsAction({})}
      onSuccess={() => void signOut({ callbackUrl: "/signin" })}
    >
      <p className="text-sm text-slate-600">{t("everywhereBody")}</p>
    </ConfirmDialog>
  );
}
